package org.estate.platform;

import java.util.List;
import java.util.function.Function;

/** The paging envelope of every list in the API: {@code {"items","page","size","total"}}. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), page, size, total);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
