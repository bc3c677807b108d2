package org.estate.platform.web;

import org.estate.platform.PlatformProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What every page's layout needs, as a bean templates call ({@code ${@layout.organisationName()}}),
 * so that error pages, which get no controller model, have it too. The CSP nonce and the current
 * path are request attributes set by {@link ContentSecurityPolicyFilter}.
 */
@Component("layout")
class LayoutAdvice {

    private final PlatformProperties properties;
    private final org.estate.platform.ImportProperties imports;

    LayoutAdvice(PlatformProperties properties, org.estate.platform.ImportProperties imports) {
        this.properties = properties;
        this.imports = imports;
    }

    /** The largest file any import accepts, as people read it ("50 MB"). */
    public String importLimit() {
        return imports.described();
    }

    public String organisationName() {
        return properties.organisationName();
    }

    public String currentUsername() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName()) ? null : auth.getName();
    }
}
