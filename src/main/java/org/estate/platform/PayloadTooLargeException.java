package org.estate.platform;

import org.springframework.util.unit.DataSize;

/** An upload larger than the configured limit (413): nothing was read past the limit, nothing written. */
public class PayloadTooLargeException extends RuntimeException {

    private final long limitBytes;

    public PayloadTooLargeException(long limitBytes) {
        super("The file is larger than the " + describe(limitBytes) + " limit for imports: split it into smaller files");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** "50 MB", "512 KB" or "100 bytes": how a limit is told to people. */
    public static String describe(long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }
}
