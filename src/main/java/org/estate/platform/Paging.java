package org.estate.platform;

/**
 * A page request: {@code page} from 0, {@code size} capped at {@link #MAX_SIZE}.
 */
public record Paging(int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public Paging {
        if (page < 0) {
            throw new BadRequestException("page", "page must be 0 or more");
        }
        if (size < 1) {
            throw new BadRequestException("size", "size must be 1 or more");
        }
        size = Math.min(size, MAX_SIZE);
    }

    public static Paging of(Integer page, Integer size) {
        return new Paging(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** For pages: a negative page or a size below 1 (hand-edited addresses) is read as the first page or one row, not an error. */
    public static Paging lenient(Integer page, Integer size) {
        return new Paging(page == null ? 0 : Math.max(0, page), size == null ? DEFAULT_SIZE : Math.max(1, size));
    }

    public long offset() {
        return (long) page * size;
    }
}
