package org.estate.identity.internal;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in with Active Directory or another LDAP server; off while {@code url} is empty.
 *
 * @param url               {@code ldaps://host:636} or {@code ldap://host:389} ({@code ESTATE_LDAP_URL});
 *                          plain {@code ldap://} without StartTLS sends passwords in clear: a warning is logged
 * @param starttls          upgrade an {@code ldap://} connection with StartTLS ({@code ESTATE_LDAP_STARTTLS})
 * @param caCertificate     path of a PEM file of CA certificate(s) trusted for LDAP over TLS besides the JVM's own
 *                          trust store, for a domain controller with a certificate of the council's internal CA
 *                          ({@code ESTATE_LDAP_CA_CERTIFICATE}); empty for the JVM's trust store alone
 * @param bindDn            the service account that searches for users ({@code ESTATE_LDAP_BIND_DN})
 * @param bindPassword      its password ({@code ESTATE_LDAP_BIND_PASSWORD}); never logged or shown
 * @param userBase          where users are searched for ({@code ESTATE_LDAP_USER_BASE})
 * @param userFilter        the search, {@code {0}} standing for what was typed as the username
 *                          ({@code ESTATE_LDAP_USER_FILTER}, default {@code (sAMAccountName={0})})
 * @param usernameAttribute the attribute giving the Estate username ({@code ESTATE_LDAP_USERNAME_ATTRIBUTE},
 *                          default {@code sAMAccountName})
 * @param rolegroups        role key to group DNs (separated by {@code ;}) whose members, directly or
 *                          through nested groups, get that role ({@code ESTATE_LDAP_ROLEGROUPS_<ROLE>})
 * @param teamgroups        team key to group DNs whose members are in that team ({@code ESTATE_LDAP_TEAMGROUPS_<TEAM>})
 */
@ConfigurationProperties("estate.ldap")
record LdapProperties(String url, Boolean starttls, String caCertificate, String bindDn, String bindPassword, String userBase, String userFilter,
                      String usernameAttribute, Map<String, String> rolegroups, Map<String, String> teamgroups) {

    LdapProperties {
        url = trim(url);
        starttls = starttls != null && starttls;
        caCertificate = trim(caCertificate);
        bindDn = trim(bindDn);
        bindPassword = bindPassword == null ? "" : bindPassword;
        userBase = trim(userBase);
        userFilter = trim(userFilter).isEmpty() ? "(sAMAccountName={0})" : userFilter.trim();
        usernameAttribute = trim(usernameAttribute).isEmpty() ? "sAMAccountName" : usernameAttribute.trim();
        rolegroups = rolegroups == null ? Map.of() : Map.copyOf(rolegroups);
        teamgroups = teamgroups == null ? Map.of() : Map.copyOf(teamgroups);
    }

    boolean configured() {
        return !url.isEmpty();
    }

    @Override
    public String toString() {
        // Never the bind password.
        return "LdapProperties[url=" + url + ", starttls=" + starttls + ", caCertificate=" + caCertificate + ", bindDn=" + bindDn + ", userBase=" + userBase
            + ", userFilter=" + userFilter + "]";
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
