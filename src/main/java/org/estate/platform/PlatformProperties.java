package org.estate.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the shared kernel.
 *
 * @param organisationName the council's name, shown in every page header ({@code ESTATE_ORGANISATION_NAME})
 * @param dataDir          where the embedded database lives ({@code ESTATE_DATA_DIR})
 */
@ConfigurationProperties("estate")
public record PlatformProperties(String organisationName, String dataDir) {
    public PlatformProperties {
        if (organisationName == null || organisationName.isBlank()) {
            organisationName = "Eastmoor Borough Council";
        }
    }
}
