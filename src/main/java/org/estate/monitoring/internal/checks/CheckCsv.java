package org.estate.monitoring.internal.checks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.cmdb.ImportResult;
import org.estate.monitoring.internal.CheckEngine;
import org.estate.platform.AuditLog;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
import org.estate.platform.CsvOutput;
import org.estate.platform.ImportCheck;
import org.estate.platform.Sort;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks as CSV ({@code name,type,ci,interval_seconds,failure_threshold,target}, the target as a
 * JSON object) through the one CSV convention of every import: headers by key or label, every bad
 * row reported with its row and cell, all or nothing, a dry run that writes nothing. A row updates
 * the check of the same name and type, else creates one; an empty cell keeps the stored value and
 * the target is merged over the stored one, so secrets left out (as the export leaves them) are kept.
 */
@Service
public class CheckCsv {

    public static final List<String> COLUMNS = List.of("name", "type", "ci", "interval_seconds", "failure_threshold", "target");
    private static final List<String> LABELS = List.of("Name", "Type", "CI", "Interval seconds", "Failure threshold", "Target");
    static final int MAX_ERRORS = 1000;

    private final CheckFields fields;
    private final CheckStore store;
    private final CheckList list;
    private final CheckEngine engine;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    CheckCsv(CheckFields fields, CheckStore store, CheckList list, CheckEngine engine, AuditLog audit, TransactionTemplate transaction,
             Clock clock) {
        this.fields = fields;
        this.store = store;
        this.list = list;
        this.engine = engine;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One checked row: what it creates ({@code current} null) or the check it updates, before and after. */
    private record Planned(int row, CheckStore.Row current, CheckInput before, CheckInput after) {
    }

    /** What an import would do, writing nothing. @throws ImportRejectedException listing every problem */
    public ImportCheck check(CsvFile file) {
        ImportCheck.Collector collector = new ImportCheck.Collector();
        for (Planned p : plan(file)) {
            Map<String, ImportCheck.Field> changed = new LinkedHashMap<>();
            CheckService.diff(p.before(), p.after()).forEach((k, c) -> changed.put(k, new ImportCheck.Field(c.from(), c.to())));
            collector.add(p.row(), p.after().type(), p.after().name(), p.current() == null ? "create" : changed.isEmpty() ? "unchanged" : "update",
                changed);
        }
        return collector.result();
    }

    /** Imports every row, or nothing. @throws ImportRejectedException listing every problem */
    public ImportResult importChecks(CsvFile file) {
        List<Planned> plan = plan(file);
        List<Long> touched = new ArrayList<>();
        int[] counts = new int[3];
        transaction.executeWithoutResult(s -> {
            Instant now = clock.instant();
            List<AuditLog.Record> records = new ArrayList<>();
            int created = 0;
            for (Planned p : plan) {
                Map<String, AuditLog.Change> diff = CheckService.diff(p.before(), p.after());
                if (p.current() == null) {
                    // Nothing to tell the engine: the nodes' next lease pass takes new checks up, each at its spread first run.
                    long id = store.insert(p.after(), null, now, firstRun(now, p.after().intervalSeconds(), created++));
                    counts[0]++;
                    records.add(new AuditLog.Record(CheckService.ENTITY, String.valueOf(id), "created",
                        "Check '" + p.after().name() + "' created by CSV import", diff));
                } else if (diff.isEmpty()) {
                    counts[2]++;
                } else {
                    store.update(p.current().id(), p.current().version(), p.after(), now);
                    touched.add(p.current().id());
                    counts[1]++;
                    records.add(new AuditLog.Record(CheckService.ENTITY, String.valueOf(p.current().id()), "updated",
                        "Check '" + p.after().name() + "' updated by CSV import", diff));
                }
            }
            audit.recordAll(records);
        });
        touched.forEach(engine::definitionChanged);
        return new ImportResult(counts[0], counts[1], counts[2]);
    }

    /**
     * When the {@code k}th check an import creates first runs: spread over its interval by the golden
     * ratio, so hundreds of imported monitors do not all probe at once and stay spread afterwards.
     */
    static Instant firstRun(Instant now, int intervalSeconds, int k) {
        double fraction = (k * 0.6180339887498949) % 1.0;
        return now.plusMillis((long) (fraction * intervalSeconds * 1000L));
    }

    /** Writes the checks the list gives for this filter and order, in the import format, secrets left out. */
    public void export(CheckList.Filter filter, Sort sort, CsvOutput csv) {
        csv.row(COLUMNS);
        list.each(filter, sort, r -> csv.row(r.name(), r.type(), r.ci() == null ? "" : String.valueOf(r.ci()),
            String.valueOf(r.intervalSeconds()), String.valueOf(r.failureThreshold()), json.writeValueAsString(r.target())));
        csv.flush();
    }

    /** The first and only read of the file: every row checked against the stored checks; any problem rejects the whole file. */
    private List<Planned> plan(CsvFile file) {
        List<RowError> errors = new ArrayList<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        Set<Integer> badCells = new HashSet<>();
        CsvHeader.Match header;
        try (CsvFile.Rows rows = file.rows()) {
            if (rows.header().isEmpty()) {
                throw new ImportRejectedException(List.of(new RowError(1, null, "The file is empty: it needs a header row")));
            }
            List<CsvHeader.Column> columns = new ArrayList<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                columns.add(new CsvHeader.Column(COLUMNS.get(i), LABELS.get(i)));
            }
            header = CsvHeader.match(rows.header(), columns, List.of("name", "type"));
            header.problems().forEach(p -> errors.add(new RowError(1, p.column(), p.cell(), p.message())));
            if (!header.has("name") || !header.has("type")) {
                throw new ImportRejectedException(errors);
            }
            for (CsvFile.Row row : rows) {
                String shape = header.shapeProblem(row);
                if (shape != null) {
                    add(errors, new RowError(row.number(), null, null, shape));
                    continue;
                }
                int before = errors.size();
                Map<String, Object> body = body(header, row, errors);
                if (errors.size() > before) {
                    badCells.add(row.number());
                }
                if (body.get("name") instanceof String && body.get("type") instanceof String) {
                    bodies.add(body);
                    numbers.add(row.number());
                }
            }
        }
        Map<String, List<CheckStore.Row>> existing = new HashMap<>();
        Set<String> names = new HashSet<>();
        bodies.forEach(b -> names.add((String) b.get("name")));
        List<String> all = new ArrayList<>(names);
        for (int i = 0; i < all.size(); i += 1000) {
            store.byNames(all.subList(i, Math.min(all.size(), i + 1000)))
                .forEach(r -> existing.computeIfAbsent(r.name() + "\u0000" + r.type(), k -> new ArrayList<>()).add(r));
        }
        List<Planned> plan = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            Map<String, Object> body = bodies.get(i);
            int row = numbers.get(i);
            String key = body.get("name") + "\u0000" + body.get("type");
            Integer earlier = seen.putIfAbsent(key, row);
            if (earlier != null) {
                add(errors, new RowError(row, "name", header.cell("name", row), "A " + body.get("type") + " check named '"
                    + CheckFields.shown((String) body.get("name")) + "' is already on row " + earlier));
                continue;
            }
            List<CheckStore.Row> matches = existing.getOrDefault(key, List.of());
            List<FieldError> problems = new ArrayList<>();
            if (matches.size() > 1) {
                add(errors, new RowError(row, "name", header.cell("name", row), matches.size() + " " + body.get("type")
                    + " checks are named '" + CheckFields.shown((String) body.get("name")) + "': rename them so a row names one"));
                continue;
            }
            // A target cell that is not JSON is reported once, not again as the type's missing fields.
            boolean targetUnread = badCells.contains(row) && !body.containsKey("target");
            if (matches.isEmpty()) {
                body.putIfAbsent("target", Map.of());
                CheckInput in = fields.create(body, problems);
                if (in != null && !badCells.contains(row)) {
                    plan.add(new Planned(row, null, null, in));
                }
            } else {
                CheckStore.Row cur = matches.getFirst();
                Map<String, Object> secrets = store.openSecrets(cur);
                Map<String, Object> patch = new LinkedHashMap<>(body);
                patch.remove("type");
                CheckInput in = fields.patch(cur, secrets, patch, problems);
                if (in != null && !badCells.contains(row)) {
                    plan.add(new Planned(row, cur, new CheckInput(cur.name(), cur.type(), cur.ci(), cur.intervalSeconds(), cur.timeoutMs(),
                        cur.failureThreshold(), cur.recoveryThreshold(), cur.enabled(), cur.target(), secrets), in));
                }
            }
            for (FieldError e : problems) {
                if (targetUnread && e.field().startsWith("target")) {
                    continue;
                }
                String column = column(e.field());
                add(errors, new RowError(row, column, header.cell(column, row), e.field().startsWith("target.")
                    ? e.field() + ": " + e.message() : e.message()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(RowError::row));
            throw new ImportRejectedException(errors);
        }
        return plan;
    }

    /** A row's cells as an API body: only the cells given (a bad one left out); numbers and the target's JSON read, each problem named. */
    private Map<String, Object> body(CsvHeader.Match header, CsvFile.Row row, List<RowError> errors) {
        Map<String, String> cells = header.cells(row);
        Set<String> clears = header.clears(row);
        Map<String, Object> body = new LinkedHashMap<>();
        cells.forEach((k, raw) -> {
            String v = raw.strip();
            if (clears.contains(k)) {
                if ("ci".equals(k)) {
                    body.put("ci", null);
                } else {
                    add(errors, new RowError(row.number(), k, header.cell(k, row.number()), LABELS.get(COLUMNS.indexOf(k)) + " cannot be cleared"));
                }
                return;
            }
            if (v.isEmpty()) {
                return;
            }
            switch (k) {
                case "name", "type", "ci" -> body.put(k, v);
                case "interval_seconds", "failure_threshold" -> {
                    try {
                        body.put("interval_seconds".equals(k) ? "intervalSeconds" : "failureThreshold", Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        add(errors, new RowError(row.number(), k, header.cell(k, row.number()), LABELS.get(COLUMNS.indexOf(k))
                            + " '" + CheckFields.shown(v) + "' is not a whole number"));
                    }
                }
                case "target" -> {
                    Object target = null;
                    try {
                        target = json.readValue(v, Object.class);
                    } catch (JacksonException e) {
                        target = null;
                    }
                    if (target instanceof Map<?, ?>) {
                        body.put("target", target);
                    } else {
                        add(errors, new RowError(row.number(), k, header.cell(k, row.number()),
                            "Target is not a JSON object, like {\"host\":\"db01\",\"port\":5432}"));
                    }
                }
                default -> { }
            }
        });
        if (!body.containsKey("name")) {
            add(errors, new RowError(row.number(), "name", header.cell("name", row.number()), "Enter the name"));
        }
        if (!body.containsKey("type")) {
            add(errors, new RowError(row.number(), "type", header.cell("type", row.number()), "Enter the type: "
                + String.join(", ", fields.types())));
        }
        return body;
    }

    /** The CSV column a field's problem belongs to. */
    private static String column(String field) {
        return switch (field) {
            case "intervalSeconds", "timeoutMs" -> "interval_seconds";
            case "failureThreshold" -> "failure_threshold";
            case "name", "type", "ci" -> field;
            default -> field.startsWith("target") ? "target" : null;
        };
    }

    private static void add(List<RowError> errors, RowError e) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(e);
        }
    }
}
