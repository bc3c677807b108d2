package org.estate.notify.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMTP server ({@code ESTATE_SMTP_HOST}, {@code _PORT}, {@code _USERNAME}, {@code _PASSWORD},
 * {@code _FROM}, {@code _STARTTLS}) and the dispatcher's pace. No host: email stays queued.
 */
@ConfigurationProperties("estate.smtp")
record SmtpProperties(String host, Integer port, String username, String password, String from, Boolean starttls,
                      Duration pollInterval, Integer maxAttempts) {

    SmtpProperties {
        port = port == null ? 25 : port;
        from = from == null || from.isBlank() ? "estate@localhost" : from;
        starttls = starttls != null && starttls;
        pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
        maxAttempts = maxAttempts == null ? 20 : maxAttempts;
    }

    boolean configured() {
        return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from + "]";
    }
}
