package org.estate.platform;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A list's order as asked for with {@code ?sort=}: one or more fields, comma-separated, each
 * ascending ({@code name}) or descending ({@code -name}). Made by {@link SortOptions#parse}, which
 * refuses fields the list cannot be sorted on.
 */
public record Sort(List<Order> orders) {

    /** One field of the order. */
    public record Order(String field, boolean descending) {
        @Override
        public String toString() {
            return (descending ? "-" : "") + field;
        }
    }

    public Sort {
        orders = List.copyOf(orders);
    }

    /** The value of {@code sort} that asks for this order, e.g. {@code name,-status}. */
    public String param() {
        return orders.stream().map(Order::toString).collect(Collectors.joining(","));
    }

    /** The {@code aria-sort} value of a column header: only the first field of the order is announced. */
    public String ariaSort(String field) {
        if (orders.isEmpty() || !orders.getFirst().field().equals(field)) {
            return "none";
        }
        return orders.getFirst().descending() ? "descending" : "ascending";
    }

    /** The {@code sort} a column header links to: the other direction when it is the current order, else ascending. */
    public String toggle(String field) {
        return "ascending".equals(ariaSort(field)) ? "-" + field : field;
    }
}
