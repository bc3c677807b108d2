package org.estate.identity.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.directory.DirContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLSocketFactory;

import org.estate.platform.Account;
import org.estate.platform.DirectorySignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.ldap.NameNotFoundException;
import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.ContextMapper;
import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.AbstractContextMapper;
import org.springframework.ldap.core.support.DefaultTlsDirContextAuthenticationStrategy;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.ldap.query.SearchScope;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.ldap.support.LdapUtils;

/**
 * Password sign-in with Active Directory or another LDAP server: the service account searches for
 * the user under the user base with the configured filter; the password is checked by binding as the
 * user found; the user's groups are those in {@code memberOf}, followed up through nested groups
 * (each group's own {@code memberOf}) by a walk that visits a group once and stops after
 * {@value #MAX_GROUPS} groups or {@value #MAX_DEPTH} levels. An account disabled in Active Directory
 * ({@code userAccountControl} bit 0x2) is refused like a wrong password.
 *
 * <p>Made by {@link DirectoryConfiguration} only when {@code ESTATE_LDAP_URL} is set.
 */
class LdapSignIn implements DirectorySignIn {

    static final int MAX_DEPTH = 10;
    static final int MAX_GROUPS = 1000;
    private static final int ACCOUNTDISABLE = 0x2;
    private static final Logger log = LoggerFactory.getLogger(LdapSignIn.class);

    private final LdapProperties settings;
    private final LdapTls.ContextSource contexts;
    private final LdapTemplate ldap;
    private final DirectoryUsers users;
    private final GroupMapping roles;
    private final GroupMapping teams;

    LdapSignIn(LdapProperties settings, DirectoryUsers users) {
        this.settings = settings;
        this.users = users;
        this.roles = GroupMapping.roles("ESTATE_LDAP_ROLEGROUPS", settings.rolegroups(), LdapSignIn::canonical);
        this.teams = new GroupMapping(settings.teamgroups(), LdapSignIn::canonical);
        SSLSocketFactory tls = LdapTls.socketFactory(settings.caCertificate());
        contexts = new LdapTls.ContextSource(tls);
        contexts.setUrl(settings.url());
        contexts.setBase("");
        contexts.setUserDn(settings.bindDn());
        contexts.setPassword(settings.bindPassword());
        contexts.setPooled(false);
        contexts.setReferral("ignore");
        Map<String, Object> env = new HashMap<>();
        env.put("com.sun.jndi.ldap.connect.timeout", "5000");
        env.put("com.sun.jndi.ldap.read.timeout", "15000");
        contexts.setBaseEnvironmentProperties(env);
        if (settings.starttls()) {
            DefaultTlsDirContextAuthenticationStrategy starttls = new DefaultTlsDirContextAuthenticationStrategy();
            if (tls != null) {
                starttls.setSslSocketFactory(tls); // no HostnameVerifier: the JDK's own check of the name stays on
            }
            contexts.setAuthenticationStrategy(starttls);
        }
        contexts.afterPropertiesSet();
        ldap = new LdapTemplate(contexts);
        ldap.setIgnorePartialResultException(true); // Active Directory's referrals at the domain root
        if (settings.url().toLowerCase(Locale.ROOT).startsWith("ldap://") && !settings.starttls()) {
            log.warn("ESTATE_LDAP_URL is plain ldap:// without ESTATE_LDAP_STARTTLS: passwords cross the network unencrypted. "
                + "Use ldaps:// or StartTLS in production");
        }
        if (roles.isEmpty()) {
            log.warn("No ESTATE_LDAP_ROLEGROUPS_<ROLE> is set: no directory user can sign in");
        }
        log.info("Directory sign-in on with {}", settings);
    }

    private record Found(String dn, String username, String displayName, String email, List<String> memberOf, boolean disabled) {
    }

    @Override
    public Optional<Account> signIn(String typed, String password) {
        if (typed == null || typed.isBlank() || password == null || password.isEmpty()) {
            return Optional.empty(); // an empty password would be an anonymous bind, which "succeeds"
        }
        Found person;
        try {
            String filter = settings.userFilter().replace("{0}", LdapEncoder.filterEncode(typed.trim()));
            List<Found> found = ldap.search(LdapQueryBuilder.query().base(settings.userBase()).searchScope(SearchScope.SUBTREE)
                    .countLimit(2).attributes(settings.usernameAttribute(), "mail", "displayName", "memberOf", "userAccountControl")
                    .filter(filter),
                new AbstractContextMapper<Found>() {
                    @Override
                    protected Found doMapFromContext(DirContextOperations ctx) {
                        return found(ctx);
                    }
                });
            if (found.size() != 1) {
                return Optional.empty(); // none, or ambiguous: refused alike
            }
            person = found.getFirst();
        } catch (NamingException e) {
            throw unavailable("The directory did not answer the user search", e);
        }
        if (person.disabled()) {
            return Optional.empty();
        }
        if (!passwordIsRight(person.dn(), password)) {
            return Optional.empty();
        }
        Optional<String> username = DirectoryUsers.username(person.username());
        if (username.isEmpty()) {
            log.warn("Directory user {} has no usable {} for an Estate username", person.dn(), settings.usernameAttribute());
            return Optional.empty();
        }
        Set<String> groups = groupsOf(person);
        return users.signedInRetrying(new DirectoryUsers.Person("ldap", username.get(), person.displayName(), person.email(),
            roles.rolesFor(groups), teams.keysFor(groups), teams.keys()));
    }

    private Found found(DirContextOperations ctx) {
        String uac = ctx.getStringAttribute("userAccountControl");
        boolean disabled = false;
        if (uac != null) {
            try {
                disabled = (Long.parseLong(uac.trim()) & ACCOUNTDISABLE) != 0;
            } catch (NumberFormatException e) {
                disabled = true; // unreadable: not taken as enabled
            }
        }
        String[] memberOf = ctx.getStringAttributes("memberOf");
        return new Found(ctx.getNameInNamespace(), ctx.getStringAttribute(settings.usernameAttribute()),
            ctx.getStringAttribute("displayName"), ctx.getStringAttribute("mail"),
            memberOf == null ? List.of() : List.of(memberOf), disabled);
    }

    private boolean passwordIsRight(String dn, String password) {
        DirContext ctx = null;
        try {
            ctx = contexts.getContext(dn, password);
            return true;
        } catch (org.springframework.ldap.AuthenticationException e) {
            return false;
        } catch (NamingException e) {
            // Active Directory answers a bind of a locked or expired account with error 49 too (an
            // AuthenticationException above); anything else is the directory failing, not the password.
            throw unavailable("The directory did not answer the user's bind", e);
        } finally {
            LdapUtils.closeContext(ctx);
        }
    }

    /** The user's groups, direct and nested, in canonical form: a walk that visits each group once. */
    private Set<String> groupsOf(Found person) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> level = new ArrayDeque<>();
        for (String g : person.memberOf()) {
            if (seen.add(canonical(g))) {
                level.add(g);
            }
        }
        for (int depth = 1; depth < MAX_DEPTH && !level.isEmpty() && seen.size() < MAX_GROUPS; depth++) {
            Deque<String> next = new ArrayDeque<>();
            for (String group : level) {
                for (String parent : memberOfGroup(group)) {
                    if (seen.size() < MAX_GROUPS && seen.add(canonical(parent))) {
                        next.add(parent);
                    }
                }
            }
            level = next;
        }
        return seen;
    }

    private List<String> memberOfGroup(String dn) {
        try {
            String[] parents = ldap.lookup(dn, new String[] {"memberOf"},
                (ContextMapper<String[]>) o -> ((DirContextAdapter) o).getStringAttributes("memberOf"));
            return parents == null ? List.of() : new ArrayList<>(List.of(parents));
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (NamingException e) {
            throw unavailable("The directory did not answer a group lookup", e);
        }
    }

    /** Logs why (an untrusted certificate, a name not in it, a timeout...) and says the directory is unavailable. */
    private DirectoryUnavailableException unavailable(String what, NamingException e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        boolean tls = false;
        for (Throwable t = e; t != null && !tls; t = t.getCause() == t ? null : t.getCause()) {
            tls = t instanceof javax.net.ssl.SSLException;
        }
        log.warn("{} at {}: {}{}", what, settings.url(), cause,
            tls ? " (TLS refused: the server's certificate must be issued for the host in ESTATE_LDAP_URL by a CA in the"
                + " JVM's trust store or in ESTATE_LDAP_CA_CERTIFICATE)" : "");
        return new DirectoryUnavailableException(what, e);
    }

    /** A DN compared without regard to case or spacing; a value that is no DN is compared as lower-case text. */
    static String canonical(String dn) {
        try {
            LdapName name = new LdapName(dn.trim());
            StringBuilder out = new StringBuilder();
            for (int i = name.size() - 1; i >= 0; i--) {
                Rdn rdn = name.getRdn(i);
                out.append(out.isEmpty() ? "" : ",").append(rdn.getType().toLowerCase(Locale.ROOT)).append('=')
                    .append(Rdn.escapeValue(String.valueOf(rdn.getValue()).trim().toLowerCase(Locale.ROOT)));
            }
            return out.toString();
        } catch (InvalidNameException e) {
            return dn.trim().toLowerCase(Locale.ROOT);
        }
    }
}
