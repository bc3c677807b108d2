package org.estate.servicedesk.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.estate.cmdb.Cmdb;
import org.estate.servicedesk.TicketView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * With {@code ESTATE_DEMO=true}, gives the Borough of Eastmoor's desk something to show: three
 * months of history (through the historical import, so the SLA figures are real), a few open
 * incidents on the demo estate, and a known error. Runs after the CMDB's demo data, once.
 */
@Component
@Order(20)
class DeskDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DeskDemoData.class);
    private static final String[][] FAULTS = {
        {"Council Tax online payments failing", "database:RS0_DB"},
        {"Revenues system slow at month end", "application:Revenues system"},
        {"Waste booking portal returns an error", "database:wbp2_postgresql"},
        {"Library PCs cannot be booked", "application:Public PC booking"},
        {"Care records will not open", "database:CR4_DB"},
        {"Repairs portal times out", "application:Repairs portal"},
        {"Planning portal documents missing", "application:Planning portal"},
        {"Cannot sign in to Microsoft 365", "application:Microsoft 365"},
        {"Account locked out", "application:Active Directory"},
        {"Printer queue stuck", "application:Print server"},
        {"Citrix session freezes", "application:Citrix delivery"},
        {"Core switch port errors in DC1", "network-device:core-sw-dc1-a"},
        {"Wi-Fi drops at Northgate library", "network-device:ap-northgate-1"},
        {"Electoral register export fails", "application:Electoral management"}};
    private static final String[] LEVELS = {"high", "medium", "low", "low", "medium", "low"};

    private final JdbcClient jdbc;
    private final Cmdb cmdb;
    private final IncidentImporter importer;
    private final TicketService tickets;
    private final ProblemService problems;
    private final Clock clock;
    private final boolean enabled;

    DeskDemoData(JdbcClient jdbc, Cmdb cmdb, IncidentImporter importer, TicketService tickets, ProblemService problems, Clock clock,
                 @Value("${estate.demo:false}") boolean enabled) {
        this.jdbc = jdbc;
        this.cmdb = cmdb;
        this.importer = importer;
        this.tickets = tickets;
        this.problems = problems;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!enabled || jdbc.sql("SELECT COUNT(*) FROM sd_ticket").query(Long.class).single() > 0
            || cmdb.find("database", "RS0_DB").isEmpty()) {
            return;
        }
        Random random = new Random(2026);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        StringBuilder csv = new StringBuilder("title,impact,urgency,opened_at,responded_at,resolved_at,closed_at,hold_intervals,affected_cis\n");
        for (int i = 0; i < 240; i++) {
            String[] fault = FAULTS[random.nextInt(FAULTS.length)];
            Instant opened = now.minus(Duration.ofMinutes(3 * 24 * 60 + random.nextInt(88 * 24 * 60)));
            Instant responded = opened.plus(Duration.ofMinutes(5 + random.nextInt(300)));
            Instant resolved = responded.plus(Duration.ofMinutes(30 + random.nextInt(5 * 24 * 60)));
            String holds = "";
            if (random.nextInt(6) == 0) {
                Instant from = responded.plus(Duration.between(responded, resolved).dividedBy(3));
                holds = from + "/" + from.plus(Duration.between(from, resolved).dividedBy(2));
            }
            Instant closed = resolved.plus(Duration.ofDays(5));
            csv.append('"').append(fault[0]).append("\",").append(LEVELS[random.nextInt(LEVELS.length)]).append(',')
                .append(LEVELS[random.nextInt(LEVELS.length)]).append(',').append(opened).append(',').append(responded).append(',')
                .append(resolved).append(',').append(closed.isBefore(now) ? closed.toString() : "").append(',').append(holds).append(',')
                .append(fault[1]).append('\n');
        }
        // The first admin works the desk in the demo, so "My teams" has something in it.
        jdbc.sql("INSERT INTO sd_team_member (team_key, username) SELECT team_key, 'admin' FROM sd_team WHERE team_key IN ('service-desk', 'networks')")
            .update();
        int imported;
        try (org.estate.platform.CsvFile file = org.estate.platform.CsvFile.spool(
            new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE)) {
            imported = importer.importCsv(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Actor desk = new Actor("system", true, true, true);
        long db = cmdb.find("database", "RS0_DB").orElseThrow().id();
        TicketView payments = tickets.openIncident(new TicketService.IncidentInput("Council Tax payments page timing out",
            "Residents report the payment page spinning and then an error since about 08:30.", "high", "high", List.of(db),
            new TicketView.Reporter("Sam Okoro", "sam.okoro@eastmoor.example", "01632 960123"), "service-desk", null, "applications", null), desk);
        tickets.openIncident(new TicketService.IncidentInput("Wi-Fi drops at Northgate library",
            "Public Wi-Fi disconnects every few minutes.", "medium", "medium",
            List.of(cmdb.find("network-device", "ap-northgate-1").orElseThrow().id()),
            new TicketView.Reporter("Library staff", "northgate.library@eastmoor.example", null), "networks", null, "network", null), desk);
        tickets.openIncident(new TicketService.IncidentInput("Printer queue stuck on floor 3",
            "Jobs sit in the queue and never print.", "low", "medium", List.of(),
            new TicketView.Reporter("Ali Khan", "ali.khan@eastmoor.example", null), "service-desk", null, "desktop", null), desk);
        var problem = problems.create(new ProblemService.ProblemInput("Revenues database blocks under month-end load",
            "Long-running reconciliation queries block the payment writes.", List.of(payments.ref()), List.of(db)));
        problems.patch(problem.ref(), problem.version(), Map.of("rootCause", "The month-end reconciliation job takes table locks.",
            "workaround", "Pause the reconciliation job in the scheduler, then kill the blocking session (see the runbook).",
            "knownError", true));
        log.info("Loaded the Eastmoor service desk demo: {} historical incidents, 3 open, 1 known error", imported);
    }
}
