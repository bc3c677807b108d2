package org.estate.notify.internal;

import java.net.URI;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.SealedColumn;
import org.estate.platform.Secrets;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configured channels: a Teams Workflows webhook, a Slack incoming webhook or a generic signed
 * webhook, by key. URL and secret are sealed at rest ({@link Secrets}) and never leave this class
 * except to be posted to: views say {@code hasSecret}, the audit log says "changed".
 */
@Service
public class ChannelService {

    public static final List<String> TYPES = List.of("teams", "slack", "webhook");
    static final String KEY_PATTERN = "[a-z0-9][a-z0-9-]{0,59}";
    static final int MAX_URL = 2000;
    static final int MAX_SECRET = 200;
    private static final String ENTITY = "notify-channel";

    /** A channel as shown: never its URL nor its secret. */
    public record ChannelView(String key, String type, boolean hasSecret, long version, Instant createdAt, Instant updatedAt) {
    }

    /** A channel as given: {@code secret} null keeps the stored one on update, empty removes it. */
    public record ChannelInput(String key, String type, String url, String secret) {
    }

    /** What the dispatcher needs to post. */
    record Target(String type, String url, String secret) {
    }

    private final JdbcClient jdbc;
    private final Secrets secrets;
    private final AuditLog audit;
    private final Clock clock;
    private final NotifyProperties settings;

    ChannelService(JdbcClient jdbc, Secrets secrets, AuditLog audit, Clock clock, NotifyProperties settings) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public List<ChannelView> list() {
        return jdbc.sql("SELECT channel_key, channel_type, secret_sealed IS NOT NULL, version, created_at, updated_at FROM notify_channel ORDER BY channel_key")
            .query((rs, n) -> new ChannelView(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getLong(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant())).list();
    }

    @Transactional(readOnly = true)
    public ChannelView get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No channel " + key));
    }

    Optional<ChannelView> find(String key) {
        return jdbc.sql("SELECT channel_key, channel_type, secret_sealed IS NOT NULL, version, created_at, updated_at FROM notify_channel WHERE channel_key = ?")
            .param(key).query((rs, n) -> new ChannelView(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getLong(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant())).optional();
    }

    /** The channel's type, URL and secret, opened; empty when it no longer exists. */
    Optional<Target> target(String key) {
        return jdbc.sql("SELECT channel_type, url_sealed, secret_sealed FROM notify_channel WHERE channel_key = ?").param(key)
            .query((rs, n) -> new Target(rs.getString(1), secrets.open(rs.getString(2)),
                rs.getString(3) == null ? null : secrets.open(rs.getString(3)))).optional();
    }

    @Transactional
    public ChannelView create(ChannelInput in) {
        validate(in, true);
        if (find(in.key()).isPresent()) {
            throw new ConflictException("A channel with key " + in.key() + " already exists");
        }
        Timestamp now = Timestamp.from(clock.instant());
        String secret = in.secret() == null || in.secret().isEmpty() ? null : secrets.seal(in.secret());
        jdbc.sql("INSERT INTO notify_channel (channel_key, channel_type, url_sealed, secret_sealed, version, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)")
            .params(in.key(), in.type(), secrets.seal(in.url().trim()), secret, now, now).update();
        audit.record(ENTITY, in.key(), "created", "Channel " + in.key() + " (" + in.type() + ") created", Map.of(
            "type", new Change(null, in.type()), "url", new Change(null, "(set, not shown)"),
            "secret", new Change(null, secret == null ? "none" : "(set, not shown)")));
        return get(in.key());
    }

    /** Replaces the channel's type and URL (and secret, unless {@code secret} is null); {@code version} -1: any. */
    @Transactional
    public ChannelView update(String key, ChannelInput in, long version) {
        ChannelView cur = get(key);
        if (in.key() != null && !in.key().isBlank() && !in.key().equals(key)) {
            throw new ValidationException("key", "The key cannot change: it is " + key);
        }
        validate(new ChannelInput(key, in.type(), in.url(), in.secret()), false);
        if (version >= 0 && version != cur.version()) {
            throw new PreconditionFailedException("The channel has changed since you read it (current ETag \"" + cur.version() + "\")");
        }
        String secretSql = in.secret() == null ? "" : ", secret_sealed = :secret";
        var update = jdbc.sql("UPDATE notify_channel SET channel_type = :type, url_sealed = :url" + secretSql
                + ", version = version + 1, updated_at = :now WHERE channel_key = :key AND version = :version")
            .param("type", in.type()).param("url", secrets.seal(in.url().trim())).param("now", Timestamp.from(clock.instant()))
            .param("key", key).param("version", cur.version());
        if (in.secret() != null) {
            update = update.param("secret", in.secret().isEmpty() ? null : secrets.seal(in.secret()));
        }
        if (update.update() != 1) {
            throw new PreconditionFailedException("The channel has changed since you read it");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        if (!cur.type().equals(in.type())) {
            changes.put("type", new Change(cur.type(), in.type()));
        }
        changes.put("url", new Change("(not shown)", "(set, not shown)"));
        if (in.secret() != null) {
            changes.put("secret", new Change(cur.hasSecret() ? "(set)" : "none", in.secret().isEmpty() ? "none" : "(set, not shown)"));
        }
        audit.record(ENTITY, key, "updated", "Channel " + key + " changed", changes);
        return get(key);
    }

    @Transactional
    public void delete(String key) {
        ChannelView cur = get(key);
        jdbc.sql("DELETE FROM notify_channel WHERE channel_key = ?").param(key).update();
        audit.record(ENTITY, key, "deleted", "Channel " + key + " deleted", Map.of("type", new Change(cur.type(), null)));
    }

    private void validate(ChannelInput in, boolean checkKey) {
        List<FieldError> errors = new ArrayList<>();
        if (checkKey && (in.key() == null || !in.key().matches(KEY_PATTERN))) {
            errors.add(new FieldError("key", "Use 1 to 60 lower-case letters, digits and hyphens, starting with a letter or digit"));
        }
        if (in.type() == null || !TYPES.contains(in.type())) {
            errors.add(new FieldError("type", "Use one of " + String.join(", ", TYPES)));
        }
        urlError(in.url()).ifPresent(m -> errors.add(new FieldError("url", m)));
        if (in.secret() != null && in.secret().length() > MAX_SECRET) {
            errors.add(new FieldError("secret", "At most " + MAX_SECRET + " characters"));
        } else if (in.secret() != null && !in.secret().isEmpty() && in.type() != null && !"webhook".equals(in.type())) {
            errors.add(new FieldError("secret", "Only a webhook channel signs its posts: leave the secret out for " + in.type()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** Why a webhook URL is not acceptable (empty: it is), under the private-address setting. */
    Optional<String> urlError(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("Enter the webhook URL");
        }
        if (url.trim().length() > MAX_URL) {
            return Optional.of("At most " + MAX_URL + " characters");
        }
        URI uri = AddressPolicy.parse(url);
        if (uri == null) {
            return Optional.of("Use an http or https URL");
        }
        try {
            return Optional.ofNullable(AddressPolicy.refusal(uri, settings.allowPrivateAddresses()));
        } catch (UnknownHostException e) {
            return Optional.of("The host name does not resolve");
        }
    }

    /** The sealed columns of the module, re-sealed at start after a key rotation. */
    @Configuration
    static class SealedColumns {

        @Bean
        SealedColumn notifyChannelUrl() {
            return new SealedColumn("notify_channel", "id", "url_sealed");
        }

        @Bean
        SealedColumn notifyChannelSecret() {
            return new SealedColumn("notify_channel", "id", "secret_sealed");
        }

        @Bean
        SealedColumn notifyOutboxUrl() {
            return new SealedColumn("notify_outbox", "id", "url_sealed");
        }
    }
}
