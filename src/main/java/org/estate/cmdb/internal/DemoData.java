package org.estate.cmdb.internal;

import java.io.IOException;

import org.estate.cmdb.Cmdb;
import org.estate.cmdb.ImportResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.estate.platform.CsvFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * With {@code ESTATE_DEMO=true}, loads the estate of the fictional Borough of Eastmoor into an empty
 * CMDB at start-up, through the same all-or-nothing CSV import that users have.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Cmdb cmdb;
    private final JdbcClient jdbc;
    private final boolean enabled;

    DemoData(Cmdb cmdb, JdbcClient jdbc, @Value("${estate.demo:false}") boolean enabled) {
        this.cmdb = cmdb;
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!enabled) {
            return;
        }
        if (jdbc.sql("SELECT count(*) FROM ci").query(Long.class).single() > 0) {
            log.info("Demo data not loaded: the CMDB already holds CIs");
            return;
        }
        ImportResult cis;
        ImportResult relationships;
        try (CsvFile f = file("demo/cis.csv")) {
            cis = cmdb.importCis(f, Cmdb.ImportProgress.NONE);
        }
        try (CsvFile f = file("demo/relationships.csv")) {
            relationships = cmdb.importRelationships(f, Cmdb.ImportProgress.NONE);
        }
        log.info("Loaded the Borough of Eastmoor demo estate: {} CIs and {} relationships", cis.created(), relationships.created());
    }

    private static CsvFile file(String path) throws IOException {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return CsvFile.spool(in, Long.MAX_VALUE);
        }
    }
}
