package org.estate.platform.security;

import org.estate.platform.OidcProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The one OpenID Connect registration ({@code oidc}), discovered from
 * {@code <ESTATE_OIDC_ISSUER>/.well-known/openid-configuration} on first use rather than at start, so that
 * Estate starts (and its local accounts work) while the provider is unreachable; a failed discovery is
 * tried again at the next sign-in.
 */
final class OidcRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(OidcRegistrations.class);
    private final OidcProperties settings;
    private volatile ClientRegistration registration;

    OidcRegistrations(OidcProperties settings) {
        this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!OidcProperties.REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration r = registration;
        if (r == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = discover();
                }
                r = registration;
            }
        }
        return r;
    }

    private ClientRegistration discover() {
        try {
            // The redirect URI from the incoming request ({baseUrl}), or from ESTATE_BASE_URL when that is set.
            String base = settings.baseUrl().isEmpty() ? "{baseUrl}" : settings.baseUrl();
            ClientRegistration.Builder b = ClientRegistrations.fromIssuerLocation(settings.issuer())
                .registrationId(OidcProperties.REGISTRATION_ID)
                .clientId(settings.clientId())
                .clientName(settings.name())
                .scope("openid", "profile", "email")
                .redirectUri(base + "/login/oauth2/code/{registrationId}");
            if (settings.clientSecret().isEmpty()) {
                b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            } else {
                b.clientSecret(settings.clientSecret());
            }
            return b.build();
        } catch (RuntimeException e) {
            log.error("OpenID Connect discovery from {} failed: {}", settings.issuer(), e.toString());
            throw e;
        }
    }
}
