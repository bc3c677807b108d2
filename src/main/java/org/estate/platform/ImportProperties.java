package org.estate.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of every import (CSV files, JSON documents), API and pages alike.
 *
 * @param maxFileSize the largest file accepted ({@code ESTATE_IMPORTS_MAX_FILE_SIZE}, default 50MB);
 *                    a larger one is refused with 413 before anything is written
 */
@ConfigurationProperties("estate.imports")
public record ImportProperties(DataSize maxFileSize) {
    public ImportProperties {
        if (maxFileSize == null || maxFileSize.toBytes() <= 0) {
            maxFileSize = DataSize.ofMegabytes(50);
        }
    }

    public long maxBytes() {
        return maxFileSize.toBytes();
    }

    /** The limit as people read it, e.g. "50 MB". */
    public String described() {
        return PayloadTooLargeException.describe(maxBytes());
    }
}
