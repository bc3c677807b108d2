package org.estate.cmdb.internal;

import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.Ci;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiFilter;
import org.estate.cmdb.CiInput;
import org.estate.cmdb.CiRelationships;
import org.estate.cmdb.CiSuggestion;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.Dependency;
import org.estate.cmdb.GraphView;
import org.estate.cmdb.HistoryEntry;
import org.estate.cmdb.Impact;
import org.estate.cmdb.ImportResult;
import org.estate.cmdb.Relationship;
import org.estate.cmdb.RelationshipInput;
import org.estate.platform.CsvFile;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.stereotype.Service;

/** The CMDB facade: one entry point, each concern in its own service. */
@Service
class CmdbFacade implements Cmdb {

    private final ClassCatalogue catalogue;
    private final CiService cis;
    private final RelationshipService relationships;
    private final ImpactService impact;
    private final NeighbourhoodService neighbourhood;
    private final CiCsvImporter ciImporter;
    private final RelationshipCsvImporter relationshipImporter;
    private final CsvExporter exporter;
    private final CiStore store;
    private final CiSearch search;
    private final CiList list;
    private final CiNames names;
    private final CiAddresses addresses;

    CmdbFacade(ClassCatalogue catalogue, CiService cis, RelationshipService relationships, ImpactService impact,
               NeighbourhoodService neighbourhood, CiCsvImporter ciImporter, RelationshipCsvImporter relationshipImporter,
               CsvExporter exporter, CiStore store, CiSearch search, CiList list, CiNames names,
               CiAddresses addresses) {
        this.names = names;
        this.addresses = addresses;
        this.catalogue = catalogue;
        this.cis = cis;
        this.relationships = relationships;
        this.impact = impact;
        this.neighbourhood = neighbourhood;
        this.ciImporter = ciImporter;
        this.relationshipImporter = relationshipImporter;
        this.exporter = exporter;
        this.store = store;
        this.search = search;
        this.list = list;
    }

    @Override
    public List<CiClass> classes() {
        return List.copyOf(catalogue.all().values());
    }

    @Override
    public Optional<CiClass> ciClass(String key) {
        return catalogue.find(key);
    }

    @Override
    public AttributeDefinition addAttribute(String classKey, AttributeDefinition definition) {
        return catalogue.addAttribute(classKey, definition);
    }

    @Override
    public Ci create(CiInput input) {
        return cis.create(input);
    }

    @Override
    public List<CiSuggestion> suggest(String q, int limit) {
        return names.suggest(q, limit);
    }

    @Override
    public List<CiSuggestion> named(String text) {
        return names.named(text);
    }

    @Override
    public Ci get(long id) {
        return cis.get(id);
    }

    @Override
    public Optional<Ci> find(String classKey, String name) {
        return store.find(classKey, name).map(CiRecord::toCi);
    }

    @Override
    public Map<Long, String> cisNamedLike(String text, int limit) {
        return search.namedLike(text, limit);
    }

    @Override
    public Ci update(long id, long expectedVersion, CiInput input) {
        return cis.update(id, expectedVersion, input);
    }

    @Override
    public void delete(long id) {
        cis.delete(id);
    }

    @Override
    public PageResult<Ci> search(CiFilter filter, org.estate.platform.Sort sort, Paging paging) {
        return list.search(filter, sort, paging);
    }

    @Override
    public org.estate.platform.Sort ciSort(String sort) {
        return CiList.SORT.parse(sort);
    }

    @Override
    public List<HistoryEntry> history(long id) {
        return cis.history(id);
    }

    @Override
    public List<Long> cisAtAddress(String host) {
        return addresses.at(host);
    }

    @Override
    public Map<String, Long> countsByClass() {
        return cis.countsByClass();
    }

    @Override
    public Relationship createRelationship(RelationshipInput input) {
        return relationships.create(input);
    }

    @Override
    public void deleteRelationship(long id) {
        relationships.delete(id);
    }

    @Override
    public CiRelationships relationships(long ciId) {
        return relationships.of(ciId);
    }

    @Override
    public Impact impact(Collection<Long> failed) {
        return impact.impact(failed);
    }

    @Override
    public List<Dependency> dependencies(long id) {
        return impact.dependencies(id);
    }

    @Override
    public Map<Long, Map<Long, List<Long>>> dependencyPaths(Collection<Long> from, Collection<Long> targets) {
        return impact.dependencyPaths(from, targets);
    }

    @Override
    public Map<Long, String> names(Collection<Long> ids) {
        return impact.nameMap(ids);
    }

    @Override
    public org.estate.cmdb.ServiceImpact serviceImpact(Collection<Long> failed) {
        return impact.serviceImpact(failed);
    }

    @Override
    public List<List<Long>> jointlyDownServices(Collection<Long> failed, List<? extends Collection<Long>> others) {
        return impact.jointlyDownServices(failed, others);
    }

    @Override
    public GraphView neighbourhood(long id, int depth) {
        return neighbourhood.around(id, depth);
    }

    @Override
    public GraphView neighbourhood(long id, int depth, Collection<String> types) {
        return neighbourhood.around(id, depth, types);
    }

    @Override
    public ImportResult importCis(CsvFile csv, ImportProgress progress) {
        return ciImporter.importCis(csv, progress);
    }

    @Override
    public ImportResult importRelationships(CsvFile csv, ImportProgress progress) {
        return relationshipImporter.importRelationships(csv, progress);
    }

    @Override
    public org.estate.platform.ImportCheck checkCis(CsvFile csv) {
        return ciImporter.checkCis(csv);
    }

    @Override
    public org.estate.platform.ImportCheck checkRelationships(CsvFile csv) {
        return relationshipImporter.checkRelationships(csv);
    }

    @Override
    public void exportCis(CiFilter filter, org.estate.platform.Sort sort, Writer out, boolean excel) {
        exporter.exportCis(filter, sort, out, excel);
    }

    @Override
    public void exportRelationships(Writer out, boolean excel) {
        exporter.exportRelationships(out, excel);
    }
}
