package org.estate.cmdb;

import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.platform.CsvFile;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;

/**
 * The CMDB's public facade. Every write validates all of its input first (throwing
 * {@link org.estate.platform.ValidationException} with every problem, having changed nothing),
 * is transactional, and records an audit entry in the same transaction.
 */
public interface Cmdb {

    // ---- classes -------------------------------------------------------------------------------

    List<CiClass> classes();

    Optional<CiClass> ciClass(String key);

    /** Adds a custom attribute to a class; takes effect at once, without a restart. */
    AttributeDefinition addAttribute(String classKey, AttributeDefinition definition);

    // ---- configuration items -------------------------------------------------------------------

    /** @throws org.estate.platform.ConflictException for a duplicate class and name */
    Ci create(CiInput input);

    /** @throws org.estate.platform.NotFoundException when there is no such CI */
    Ci get(long id);

    Optional<Ci> find(String classKey, String name);

    /**
     * Replaces a CI's fields with {@code input} (class cannot change).
     *
     * @throws org.estate.platform.PreconditionFailedException when {@code expectedVersion} is stale
     */
    Ci update(long id, long expectedVersion, CiInput input);

    /** Deletes a CI and its relationships, all audited. */
    void delete(long id);

    PageResult<Ci> search(CiFilter filter, Paging paging);

    /**
     * CIs for a type-ahead: names starting with {@code q} first, then names containing it, ignoring
     * case, at most {@code limit}. Blank or over-long text suggests nothing.
     */
    List<CiSuggestion> suggest(String q, int limit);

    /**
     * The CIs a person's text names: "Name (Class)" with the class's label or key, or a bare name,
     * ignoring case (at most 20). None or several: the caller asks for something clearer.
     */
    List<CiSuggestion> named(String text);

    List<HistoryEntry> history(long id);

    /** Number of CIs per class key, for summaries. */
    Map<String, Long> countsByClass();

    // ---- relationships -------------------------------------------------------------------------

    Relationship createRelationship(RelationshipInput input);

    void deleteRelationship(long id);

    CiRelationships relationships(long ciId);

    // ---- impact --------------------------------------------------------------------------------

    /** What stops working if these CIs fail. @throws org.estate.platform.ValidationException for an unknown id */
    Impact impact(Collection<Long> failed);

    /** Everything the CI relies on, transitively, along impacting relationships. */
    List<Dependency> dependencies(long id);

    /** The CI and its neighbours up to {@code depth} steps out, both ways, for drawing. */
    GraphView neighbourhood(long id, int depth);

    /**
     * As {@link #neighbourhood(long, int)}, following only relationships of these types (keys; all
     * when empty). @throws org.estate.platform.ValidationException naming {@code depth} (1 to 4) or
     * {@code types} (an unknown type)
     */
    GraphView neighbourhood(long id, int depth, Collection<String> types);

    // ---- CSV -----------------------------------------------------------------------------------

    /** Reports import progress: the phase ("reading", "validating", "writing") and rows done of total. */
    interface ImportProgress {
        ImportProgress NONE = (phase, done, total) -> { };

        void update(String phase, long done, long total);
    }

    /** All-or-nothing upsert by class and name. @throws ImportRejectedException listing every bad row */
    ImportResult importCis(CsvFile csv, ImportProgress progress);

    /** All-or-nothing upsert by source, type and target. @throws ImportRejectedException listing every bad row */
    ImportResult importRelationships(CsvFile csv, ImportProgress progress);

    /** Writes exactly the CIs {@link #search} lists for this filter, in the import format. */
    void exportCis(CiFilter filter, Writer out);

    /** Writes relationships in the import format. */
    void exportRelationships(Writer out);
}
