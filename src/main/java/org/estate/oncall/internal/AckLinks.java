package org.estate.oncall.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.estate.oncall.internal.PageService.PageView;
import org.estate.platform.ConflictException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The acknowledge links in page messages. Reading one changes nothing (mail link scanners open every
 * link); only {@link #use} acknowledges, once, before the link expires.
 */
@Service
public class AckLinks {

    /** What a link would acknowledge, and whether it still can. */
    public record AckLink(long pageId, String user, String title, String incident, String pageStatus, boolean usable,
                          boolean used, String acknowledgedBy, Instant acknowledgedAt) {
    }

    private final AckTokens tokens;
    private final PageStore store;
    private final PageService pages;
    private final Clock clock;

    AckLinks(AckTokens tokens, PageStore store, PageService pages, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.pages = pages;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<AckLink> find(String token) {
        // The page's own row only: the confirmation page needs no notifications (nor their outbox look-ups).
        return tokens.find(token).flatMap(a -> store.find(a.pageId()).map(p -> new AckLink(p.id(), a.username(), p.title(),
            p.incident(), p.status(), a.usable(clock.instant()), a.usedAt() != null, p.acknowledgedBy(), p.acknowledgedAt())));
    }

    /**
     * Acknowledges the page as the person the link was sent to and spends the link; 409
     * ({@link ConflictException}) when it was used already or has expired, and nothing changes.
     * A page acknowledged by someone else meanwhile stays theirs.
     */
    @Transactional(noRollbackFor = ConflictException.class)
    public PageView use(String token) {
        AckTokens.Ack a = tokens.find(token).orElseThrow(() -> new org.estate.platform.NotFoundException("No such acknowledge link"));
        Instant now = clock.instant();
        if (!tokens.use(token, now)) {
            throw new ConflictException(a.usedAt() != null ? "This link has been used already" : "This link has expired");
        }
        return pages.acknowledge(a.pageId(), a.username(), "link");
    }
}
