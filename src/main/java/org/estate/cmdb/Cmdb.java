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
     * The ids and names of CIs whose name contains {@code text} (ignoring case), exact names first,
     * then names starting with it; at most {@code limit}. For other modules' search contributions
     * (tickets by affected CI name).
     */
    Map<Long, String> cisNamedLike(String text, int limit);

    /**
     * Replaces a CI's fields with {@code input} (class cannot change).
     *
     * @throws org.estate.platform.PreconditionFailedException when {@code expectedVersion} is stale
     */
    Ci update(long id, long expectedVersion, CiInput input);

    /** Deletes a CI and its relationships, all audited. */
    void delete(long id);

    /** The CI list in its default order (by name). */
    default PageResult<Ci> search(CiFilter filter, Paging paging) {
        return search(filter, null, paging);
    }

    /**
     * The CI list: 422 naming the filter for an unknown class, status or criticality; {@code sort}
     * null means by name.
     */
    PageResult<Ci> search(CiFilter filter, org.estate.platform.Sort sort, Paging paging);

    /** Reads a {@code sort} parameter of the CI list (422 for a field it cannot be sorted on). */
    org.estate.platform.Sort ciSort(String sort);

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

    /**
     * The ids of CIs (ascending) at a host name or IP address: the CI's name, or its
     * {@code hostname}, {@code fqdn}, {@code ipAddress} or {@code managementIp} attribute, equal to
     * {@code host} ignoring case (a host name also matches the first label of an FQDN given). For
     * monitoring, which matches an alert's {@code instance} to a CI. One indexed query.
     */
    List<Long> cisAtAddress(String host);

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

    /**
     * For each CI of {@code from}: for each of {@code targets} that it relies on (transitively,
     * along impacting relationships), the shortest chain of CI ids from it to that target. Targets
     * it does not rely on, and unknown ids, are absent. Walks only what each CI relies on (bounded,
     * however much relies on a core switch), in memory, on one snapshot of the graph.
     */
    Map<Long, Map<Long, List<Long>>> dependencyPaths(Collection<Long> from, Collection<Long> targets);

    /**
     * As {@link #dependencyPaths(Collection, Collection)} for one CI: for each of {@code dependencies}
     * that {@code dependent} relies on or is, the shortest chain of CI ids from {@code dependent} to it
     * ({@code [id]} for itself).
     */
    default Map<Long, List<Long>> dependencyPaths(long dependent, Collection<Long> dependencies) {
        Map<Long, List<Long>> out = new java.util.HashMap<>(
            dependencyPaths(List.of(dependent), dependencies).getOrDefault(dependent, Map.of()));
        if (dependencies.contains(dependent)) {
            out.put(dependent, List.of(dependent));
        }
        return out;
    }

    /**
     * For each set of {@code others}, in order: the business services (ids, ascending) that
     * {@code failed} and that set take {@code down} together although neither takes them down alone
     * — each takes members of a redundancy group and together they leave fewer than its
     * {@code minimumUp}. Unknown ids take nothing down.
     */
    List<List<Long>> jointlyDownServices(Collection<Long> failed, List<? extends Collection<Long>> others);

    /** The names of these CIs, by id, in one query; unknown ids are absent. */
    Map<Long, String> names(Collection<Long> ids);

    /**
     * As {@link #impact}, naming only the business services (for a change's impact and risk: a core
     * switch impacts tens of thousands of CIs, of which only the services are shown). Unknown ids
     * take nothing down.
     */
    ServiceImpact serviceImpact(Collection<Long> failed);

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

    /** What {@link #importCis} would do with this file, row by row, writing nothing. @throws ImportRejectedException listing every problem */
    org.estate.platform.ImportCheck checkCis(CsvFile csv);

    /** What {@link #importRelationships} would do with this file, writing nothing. @throws ImportRejectedException listing every problem */
    org.estate.platform.ImportCheck checkRelationships(CsvFile csv);

    /** Writes exactly the CIs {@link #search} lists for this filter, in the import format. */
    default void exportCis(CiFilter filter, Writer out) {
        exportCis(filter, null, out, false);
    }

    /** Writes exactly the CIs {@link #search} lists for this filter, in its order; {@code excel}: BOM and CRLF. */
    void exportCis(CiFilter filter, org.estate.platform.Sort sort, Writer out, boolean excel);

    /** Writes relationships in the import format. */
    default void exportRelationships(Writer out) {
        exportRelationships(out, false);
    }

    /** Writes relationships in the import format; {@code excel}: a byte order mark and CRLF line ends. */
    void exportRelationships(Writer out, boolean excel);
}
