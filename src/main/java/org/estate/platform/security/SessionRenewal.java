package org.estate.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.AccountDirectory;
import org.estate.platform.SignedInSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

@Component
class SessionRenewal implements SignedInSession {

    private final AccountDirectory accounts;
    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    SessionRenewal(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @Override
    public void keep(HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || !(current.getPrincipal() instanceof AccountUserDetails) || request.getSession(false) == null) {
            return;
        }
        accounts.findByUsername(current.getName()).filter(a -> a.enabled()).ifPresent(account -> {
            AccountUserDetails user = new AccountUserDetails(account);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
            SecurityContextHolder.setContext(context);
            request.changeSessionId();
            repository.saveContext(context, request, response);
        });
    }
}
