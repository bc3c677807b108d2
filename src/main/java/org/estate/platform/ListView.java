package org.estate.platform;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a list page needs to draw its table controls the same way everywhere (see the
 * {@code fragments :: sortHeader} and {@code listSummary} fragments): the filters as given (kept in
 * every link, so a sorted, paged, filtered list is one shareable address), the order, the page.
 *
 * @param path    the list's address, e.g. {@code /cmdb/cis}
 * @param filters the filter parameters in force (not page, size or sort)
 */
public record ListView(String path, MultiValueMap<String, String> filters, Sort sort, PageResult<?> result) {

    /** The page sizes offered; {@link Paging#MAX_SIZE} is the largest. */
    public static final List<Integer> SIZES = List.of(25, 50, 100, 200, Paging.MAX_SIZE);

    public static MultiValueMap<String, String> filters(Map<String, ?> given) {
        MultiValueMap<String, String> filters = new LinkedMultiValueMap<>();
        given.forEach((name, value) -> {
            if (value instanceof Iterable<?> values) {
                values.forEach(v -> add(filters, name, v));
            } else {
                add(filters, name, value);
            }
        });
        return filters;
    }

    private static void add(MultiValueMap<String, String> filters, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            filters.add(name, value.toString().trim());
        }
    }

    private UriComponentsBuilder base(boolean withSort, boolean withSize) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        filters.forEach((name, values) -> values.forEach(v -> b.queryParam(name, v)));
        if (withSort && sort != null) {
            b.queryParam("sort", sort.param());
        }
        if (withSize && result.size() != Paging.DEFAULT_SIZE) {
            b.queryParam("size", result.size());
        }
        return b;
    }

    /** The link of a column header: sorted on that column (the other way round when it already is). */
    public String sortUrl(String field) {
        UriComponentsBuilder b = base(false, true);
        b.queryParam("sort", sort == null ? field : sort.toggle(field));
        return b.encode().build().toUriString();
    }

    public String ariaSort(String field) {
        return sort == null ? "none" : sort.ariaSort(field);
    }

    /** For the pagination fragment: the address to which {@code page=N} is added. */
    public String pageBase() {
        String url = base(true, true).encode().build().toUriString();
        return url + (url.contains("?") ? "&" : "?");
    }

    /** The same filters and order at another address (the list's CSV export). */
    public String at(String otherPath) {
        String url = base(true, false).encode().build().toUriString();
        return otherPath + url.substring(path.length());
    }

    /** The hidden fields a page-size form carries so the filters and order survive it. */
    public MultiValueMap<String, String> hidden() {
        MultiValueMap<String, String> hidden = new LinkedMultiValueMap<>(filters);
        if (sort != null) {
            hidden.add("sort", sort.param());
        }
        return hidden;
    }

    public List<Integer> sizes() {
        return SIZES;
    }

    /** "Showing 1 to 50 of 1,234" (nothing when the list is empty). */
    public String showing() {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.UK);
        long total = result.total();
        if (total == 0 || result.items().isEmpty()) {
            return "Showing 0 of " + n.format(total);
        }
        long from = (long) result.page() * result.size() + 1;
        long to = from + result.items().size() - 1;
        return "Showing " + n.format(from) + " to " + n.format(to) + " of " + n.format(total);
    }
}
