package org.estate.notify.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * GOV.UK Notify and the other channels ({@code ESTATE_NOTIFY_API_KEY}, {@code _BASE_URL},
 * {@code _SMS_TEMPLATE_ID}, {@code _EMAIL_TEMPLATE_ID}, {@code _CALLBACK_TOKEN},
 * {@code _ALLOW_PRIVATE_ADDRESSES}, {@code _MAX_ATTEMPTS}). No API key or no SMS template: SMS stay
 * queued. An email template: email goes through Notify instead of SMTP. The key and the callback
 * token are never logged ({@link #toString}) nor returned.
 */
@ConfigurationProperties("estate.notify")
record NotifyProperties(String apiKey, String baseUrl, String smsTemplateId, String emailTemplateId, String callbackToken,
                        Boolean allowPrivateAddresses, Integer maxAttempts, Duration connectTimeout, Duration requestTimeout,
                        Integer ratePerMinute) {

    static final String DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk";

    NotifyProperties {
        baseUrl = blank(baseUrl) ? DEFAULT_BASE_URL : baseUrl.trim();
        allowPrivateAddresses = allowPrivateAddresses == null || allowPrivateAddresses;
        maxAttempts = maxAttempts == null ? 20 : maxAttempts;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(20) : requestTimeout;
        ratePerMinute = ratePerMinute == null || ratePerMinute < 1 ? 3000 : ratePerMinute;
    }

    boolean notifyConfigured() {
        return !blank(apiKey);
    }

    boolean smsConfigured() {
        return notifyConfigured() && !blank(smsTemplateId);
    }

    /** Email goes through Notify rather than SMTP. */
    boolean emailViaNotify() {
        return notifyConfigured() && !blank(emailTemplateId);
    }

    boolean callbacksConfigured() {
        return !blank(callbackToken);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "NotifyProperties[apiKey=" + (blank(apiKey) ? "unset" : "(set)") + ", baseUrl=" + baseUrl + ", smsTemplateId="
            + smsTemplateId + ", emailTemplateId=" + emailTemplateId + ", callbackToken=" + (blank(callbackToken) ? "unset" : "(set)")
            + ", allowPrivateAddresses=" + allowPrivateAddresses + "]";
    }
}
