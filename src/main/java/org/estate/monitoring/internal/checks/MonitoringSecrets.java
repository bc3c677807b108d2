package org.estate.monitoring.internal.checks;

import org.estate.platform.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The monitoring columns holding sealed secrets, re-sealed at start after a key rotation. */
@Configuration
class MonitoringSecrets {

    @Bean
    SealedColumn checkSecrets() {
        return new SealedColumn("mon_check", "id", "secrets");
    }
}
