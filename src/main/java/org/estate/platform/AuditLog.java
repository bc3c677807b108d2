package org.estate.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit log. Every write in Estate records an entry here in the same transaction as the write
 * (callers must be inside one), naming the actor, the time, the action, the entity and the fields
 * before and after.
 */
public interface AuditLog {

    /** One field's change. */
    record Change(Object from, Object to) {
    }

    /** An entry to record; the actor and time are taken from the security context and clock. */
    record Record(String entity, String entityId, String action, String summary, Map<String, Change> changes) {
    }

    /**
     * An entry as read back, newest first. {@code via} says how the actor made the change when not
     * in person (e.g. {@code API token "deploy script" (#12)}), else null.
     */
    record Entry(long id, Instant at, String actor, String action, String entity, String entityId,
                 String summary, Map<String, Change> changes, String via) {
    }

    void record(String entity, String entityId, String action, String summary, Map<String, Change> changes);

    /** Records many entries in one batch (bulk import). */
    void recordAll(List<Record> records);

    List<Entry> history(String entity, String entityId);

    PageResult<Entry> search(String entity, String entityId, Paging paging);

    /** What to look for in the log: each part optional; {@code from} inclusive, {@code to} exclusive. */
    record Query(String actor, String entity, String entityId, Instant from, Instant to) {
    }

    /** Entries matching every given part of the query, newest first. */
    default PageResult<Entry> search(Query query, Paging paging) {
        return search(query, null, paging);
    }

    /** The fields the log can be sorted on: when, who, the kind of record, the action; newest first unless asked. */
    SortOptions<Entry> SORT = SortOptions.<Entry>by("-at")
        .value("at", "occurred_at", Entry::at).text("actor", "actor", Entry::actor)
        .value("entity", "entity", Entry::entity).value("action", "action", Entry::action)
        .tieBreaker("id", Entry::id);

    /** Entries matching every given part of the query, in {@code sort}'s order ({@link #SORT}; null: newest first). */
    PageResult<Entry> search(Query query, Sort sort, Paging paging);

    /** The kinds of entity the log holds entries for, sorted. */
    List<String> entities();

    /** The name of the signed-in user, or {@code system} outside a request. */
    String currentActor();
}
