package org.estate.notify.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where bounces go and where Estate reads them: {@code ESTATE_BOUNCES_ADDRESS} is the envelope sender
 * of every email sent by SMTP (the address delivery reports are returned to; unset: the From address),
 * and {@code ESTATE_BOUNCES_HOST}, {@code _PORT} (993), {@code _USERNAME}, {@code _PASSWORD},
 * {@code _FOLDER} ({@code INBOX}) and {@code _TLS} ({@code true}) the IMAP mailbox that receives them,
 * read every {@code _POLL_INTERVAL} (1 minute). No host: bounces are not read (a refusal by the SMTP
 * server itself is still seen at once).
 */
@ConfigurationProperties("estate.bounces")
record BounceProperties(String address, String host, Integer port, String username, String password, String folder, Boolean tls,
                        Duration pollInterval) {

    BounceProperties {
        address = address == null || address.isBlank() ? null : address.trim();
        tls = tls == null || tls;
        port = port == null ? (tls ? 993 : 143) : port;
        folder = folder == null || folder.isBlank() ? "INBOX" : folder.trim();
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
    }

    boolean configured() {
        return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
        return "BounceProperties[address=" + address + ", host=" + host + ", port=" + port + ", username=" + username + ", folder=" + folder
            + ", tls=" + tls + "]";
    }
}
