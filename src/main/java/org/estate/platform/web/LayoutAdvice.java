package org.estate.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.estate.platform.PlatformProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the council's name, the CSP nonce, the signed-in user, the path. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final PlatformProperties properties;

    LayoutAdvice(PlatformProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("organisationName")
    String organisationName() {
        return properties.organisationName();
    }

    @ModelAttribute("cspNonce")
    String cspNonce(HttpServletRequest request) {
        Object nonce = request.getAttribute(ContentSecurityPolicyFilter.NONCE_ATTRIBUTE);
        return nonce == null ? "" : nonce.toString();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("currentUsername")
    String currentUsername() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || "anonymousUser".equals(auth.getName()) ? null : auth.getName();
    }
}
