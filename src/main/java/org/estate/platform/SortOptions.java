package org.estate.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields one list can be sorted on, each mapped to a fixed SQL expression (user input never
 * reaches the SQL) and to the value Java sorts by. Built once per list as a constant; every list
 * of the API and the pages sorts through it:
 * <ul>
 *   <li>{@link #key} — a stored {@link NaturalOrder} key column: case-insensitive and natural
 *       ("srv2" before "srv10"), indexable;</li>
 *   <li>{@link #text} — {@code LOWER(column)} compared by code point: case-insensitive (and
 *       natural when the list is sorted in Java, see {@link #page});</li>
 *   <li>{@link #value} — numbers, times and keys whose plain order is right.</li>
 * </ul>
 * Every order ends with the tie-breaker (the id), so pages never overlap. Nulls sort last
 * ascending and first descending, as both databases do.
 */
public final class SortOptions<T> {

    private record Column<T>(String sql, boolean text, Comparator<T> comparator) {
    }

    private final Map<String, Column<T>> columns = new LinkedHashMap<>();
    private final String defaultSort;
    private String tieSql = "id";
    private Comparator<T> tie = (a, b) -> 0;

    private SortOptions(String defaultSort) {
        this.defaultSort = defaultSort;
    }

    /** A list whose order, when none is asked for, is {@code defaultSort} (in the {@code sort} syntax). */
    public static <T> SortOptions<T> by(String defaultSort) {
        return new SortOptions<>(defaultSort);
    }

    public SortOptions<T> key(String field, String keyColumn, Function<T, String> value) {
        columns.put(field, new Column<>(keyColumn, true, Comparator.comparing(value, NaturalOrder.COMPARATOR)));
        return this;
    }

    public SortOptions<T> text(String field, String column, Function<T, String> value) {
        columns.put(field, new Column<>("LOWER(" + column + ")", true, Comparator.comparing(value, NaturalOrder.COMPARATOR)));
        return this;
    }

    public <C extends Comparable<? super C>> SortOptions<T> value(String field, String expression, Function<T, C> value) {
        columns.put(field, new Column<>(expression, false, Comparator.comparing(value, Comparator.nullsLast(Comparator.naturalOrder()))));
        return this;
    }

    /** The unique last word of every order (default: the {@code id} column, with no Java value). */
    public <C extends Comparable<? super C>> SortOptions<T> tieBreaker(String expression, Function<T, C> value) {
        this.tieSql = expression;
        this.tie = Comparator.comparing(value, Comparator.nullsLast(Comparator.naturalOrder()));
        return this;
    }

    public List<String> fields() {
        return List.copyOf(columns.keySet());
    }

    /**
     * Reads {@code sort} (blank: the default order). Several fields, comma-separated (or the
     * parameter repeated), sort by each in turn. 422 naming {@code sort} for a field this list
     * cannot be sorted on or one given twice.
     */
    public Sort parse(String raw) {
        String text = raw == null || raw.isBlank() ? defaultSort : raw;
        List<Sort.Order> orders = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            boolean descending = p.startsWith("-");
            String field = descending || p.startsWith("+") ? p.substring(1).trim() : p;
            if (!columns.containsKey(field)) {
                throw new ValidationException("sort", "Cannot sort on '" + (field.length() > 60 ? field.substring(0, 60) + "…" : field) + "': sort on "
                    + String.join(", ", columns.keySet()) + " (with - before the field for descending)");
            }
            if (orders.stream().anyMatch(o -> o.field().equals(field))) {
                throw new ValidationException("sort", "Sort on '" + field + "' only once");
            }
            orders.add(new Sort.Order(field, descending));
        }
        return orders.isEmpty() ? parse(defaultSort) : new Sort(orders);
    }

    /** {@code " ORDER BY …"} for this order, ending with the tie-breaker in the first field's direction. */
    public String orderBy(Sort sort, SqlDialect dialect) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        for (Sort.Order o : sort.orders()) {
            Column<T> c = columns.get(o.field());
            sql.append(c.text() ? dialect.binary(c.sql()) : c.sql()).append(o.descending() ? " DESC" : " ASC").append(", ");
        }
        sql.append(tieSql).append(sort.orders().getFirst().descending() ? " DESC" : " ASC");
        return sql.toString();
    }

    /** The same order in Java, for lists read whole (their text fields sort naturally). */
    public Comparator<T> comparator(Sort sort) {
        Comparator<T> result = null;
        for (Sort.Order o : sort.orders()) {
            Comparator<T> c = columns.get(o.field()).comparator();
            c = o.descending() ? c.reversed() : c;
            result = result == null ? c : result.thenComparing(c);
        }
        Comparator<T> tieBreak = sort.orders().getFirst().descending() ? tie.reversed() : tie;
        return result == null ? tieBreak : result.thenComparing(tieBreak);
    }

    /**
     * One page of a list read whole, sorted in Java: for the small lists (teams, classes,
     * calendars…). {@code sort} null keeps the list's own order (e.g. best match first).
     */
    public PageResult<T> page(List<T> all, Sort sort, Paging paging) {
        List<T> sorted = sort == null ? all : all.stream().sorted(comparator(sort)).toList();
        int from = (int) Math.min(sorted.size(), paging.offset());
        int to = Math.min(sorted.size(), from + paging.size());
        return new PageResult<>(sorted.subList(from, to), paging.page(), paging.size(), sorted.size());
    }
}
