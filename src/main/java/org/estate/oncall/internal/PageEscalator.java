package org.estate.oncall.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.estate.notify.Notification;
import org.estate.notify.Notifier;
import org.estate.oncall.internal.EscalationPolicyService.Level;
import org.estate.oncall.internal.EscalationPolicyService.Target;
import org.estate.oncall.internal.PageStore.PageRow;
import org.estate.platform.NotFoundException;
import org.estate.servicedesk.BusinessCalendar;
import org.estate.servicedesk.DeskDirectory;
import org.estate.servicedesk.SystemIncidents;
import org.estate.servicedesk.TeamView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks a page through its escalation: the levels of its policy (its own, or its team's), or one
 * level of its team's members or its user when it has no policy; {@code repeat} more cycles; a level
 * that reaches nobody passes to the next at once. Each step moves the page by compare-and-set on its
 * version in the transaction that queues the step's notifications, so two nodes (or a node and
 * itself after a restart) never both notify a level, and a crash before commit leaves the step to
 * be taken again.
 */
@Component
class PageEscalator {

    private static final Logger log = LoggerFactory.getLogger(PageEscalator.class);
    static final String SUPPORT_HOURS = "support-hours";

    private final PageStore store;
    private final EscalationPolicyService policies;
    private final DeskDirectory desk;
    private final Contacts contacts;
    private final Notifier notifier;
    private final AckTokens tokens;
    private final SystemIncidents incidents;
    private final String baseUrl;

    PageEscalator(PageStore store, EscalationPolicyService policies, DeskDirectory desk, Contacts contacts, Notifier notifier,
                  AckTokens tokens, SystemIncidents incidents, @Value("${estate.base-url}") String baseUrl) {
        this.store = store;
        this.policies = policies;
        this.desk = desk;
        this.contacts = contacts;
        this.notifier = notifier;
        this.tokens = tokens;
        this.incidents = incidents;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private record Plan(List<Level> levels, int repeat) {
    }

    /** The levels a page follows. */
    private Plan plan(PageRow p) {
        String policy = p.policy();
        if (policy == null && p.team() != null) {
            policy = desk.team(p.team()).map(TeamView::escalationPolicy).orElse(null);
        }
        if (policy != null) {
            var found = policies.find(policy);
            if (found.isPresent()) {
                return new Plan(found.get().levels(), found.get().repeat());
            }
            log.warn("Page {}: escalation policy '{}' no longer exists; paging its team or user instead", p.id(), policy);
        }
        if (p.team() != null) {
            return new Plan(List.of(new Level(List.of(new Target(null, null, p.team())), null)), 0);
        }
        if (p.user() != null) {
            return new Plan(List.of(new Level(List.of(new Target(null, p.user(), null)), null)), 0);
        }
        return new Plan(List.of(), 0);
    }

    /** Starts a new page at its first level that reaches anyone. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean start(PageRow p, Instant now) {
        return notifyFrom(p, 0, 0, now);
    }

    /** The page's delay ran out (or a delivery failed for good): on to the next level. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean advance(PageRow p, Instant now) {
        return notifyFrom(p, p.level() + 1, p.cycle(), now);
    }

    private boolean notifyFrom(PageRow p, int level, int cycle, Instant now) {
        Plan plan = plan(p);
        int steps = plan.levels().size() * (plan.repeat() + 1);
        for (int i = 0; i <= steps; i++) {
            if (level >= plan.levels().size()) {
                level = 0;
                cycle++;
            }
            if (plan.levels().isEmpty() || cycle > plan.repeat()) {
                break;
            }
            Level l = plan.levels().get(level);
            List<String> people = policies.recipients(l, now);
            if (!people.isEmpty()) {
                boolean last = level == plan.levels().size() - 1 && cycle == plan.repeat();
                int delay = l.delayMinutes() == null ? 0 : l.delayMinutes();
                Instant next = delay == 0 && last ? null : now.plus(Duration.ofMinutes(Math.max(delay, 1)));
                if (!store.moveTo(p.id(), p.version(), level, cycle, next)) {
                    return false; // another node took this step
                }
                List<String> reached = new ArrayList<>();
                for (String u : people) {
                    if (send(p, u, level, cycle, now)) {
                        reached.add(u);
                    }
                }
                // Who each level reached is on the page (GET /api/v1/pages/{id}), not noted on the incident: a note
                // seconds after the incident was opened or raised would change it under whoever is editing it.
                log.info("Page {}: level {}{} notified {}", p.id(), level + 1, cycle > 0 ? " (repeat " + cycle + ")" : "",
                    reached.isEmpty() ? "nobody reachable" : String.join(", ", reached));
                return true;
            }
            level++;
        }
        // Every level (and repeat) is spent: the page stays triggered, with nobody left to call.
        if (!store.moveTo(p.id(), p.version(), p.level(), Math.max(p.cycle(), plan.repeat()), null)) {
            return false;
        }
        if (p.nextEscalationAt() != null) { // not on the page's first step, seconds after the incident changed
            note(p, "Page " + p.id() + " reached the end of its escalation without being acknowledged");
        }
        log.warn("Page {} ({}) reached the end of its escalation without being acknowledged", p.id(), p.title());
        return true;
    }

    /** Queues a person's notifications by their rules; false when they have no way to be reached. */
    private boolean send(PageRow p, String username, int level, int cycle, Instant now) {
        List<Contacts.Contact> plan = contacts.plan(username, p.urgency());
        if (plan.isEmpty()) {
            return false;
        }
        String token = tokens.issue(p.id(), username, now);
        String link = baseUrl + "/ack/" + token;
        String subject = subject(p);
        String body = subject + (p.message() == null || p.message().isBlank() ? "" : "\n\n" + p.message())
            + "\n\nAcknowledge: " + link;
        String sms = clip(subject, 300) + " Acknowledge: " + link;
        Instant from = "low".equals(p.urgency()) ? supportHoursFrom(now) : now;
        for (Contacts.Contact c : plan) {
            Notification n = switch (c.type()) {
                case "sms" -> Notification.sms(c.address(), sms, reference(p.id()));
                case "teams", "slack" -> Notification.webhook(c.type(), username + " (" + c.type() + ")", c.address(), subject, body,
                    reference(p.id()));
                default -> Notification.email(c.address(), subject, body, reference(p.id()));
            };
            long id = notifier.queue(n.at(from.plus(Duration.ofMinutes(c.delayMinutes()))));
            store.notified(p.id(), username, level, cycle, c.type(), id, now);
        }
        return true;
    }

    /** Posts a new page to its team's channels (once, when it is raised). */
    @Transactional(propagation = Propagation.MANDATORY)
    void announce(PageRow p) {
        if (p.team() == null) {
            return;
        }
        desk.team(p.team()).ifPresent(team -> {
            for (String channel : team.channels()) {
                if (notifier.channelExists(channel)) {
                    notifier.queue(Notification.toChannel(channel, subject(p), (p.message() == null ? "" : p.message() + "\n\n")
                        + "Page " + p.id() + ": " + baseUrl + "/pages/" + p.id(), reference(p.id())));
                }
            }
        });
    }

    static String reference(long pageId) {
        return "page:" + pageId;
    }

    static String subject(PageRow p) {
        return "[Estate page " + p.id() + "] " + (p.incident() == null ? "" : p.incident() + ": ") + p.title();
    }

    /** Low-urgency pages go out within support hours only: now when they are open, else when they next open. */
    private Instant supportHoursFrom(Instant now) {
        try {
            BusinessCalendar hours = desk.calendar(SUPPORT_HOURS);
            return hours.isOpen(now) ? now : hours.due(now, 1).minus(Duration.ofMinutes(1));
        } catch (NotFoundException | BusinessCalendar.OutOfRange e) {
            return now;
        }
    }

    private void note(PageRow p, String text) {
        if (p.incident() != null) {
            incidents.addUpdate(p.incident(), text, "on-call");
        }
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
