package org.estate.monitoring.internal.correlation;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The words monitoring writes on its incidents: titles, descriptions and updates. */
final class IncidentText {

    private static final DateTimeFormatter LONDON = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss").withZone(ZoneId.of("Europe/London"));

    private IncidentText() {
    }

    static String time(Instant at) {
        return at == null ? "?" : LONDON.format(at);
    }

    static String title(RootCause r) {
        String prefix = switch (r.kind()) {
            case "redundancy-lost" -> "Redundancy lost: ";
            case "degraded" -> "Degraded: ";
            default -> "Down: ";
        };
        return abbreviate(prefix + r.name(), 300);
    }

    static String description(RootCause r, Map<Long, String> checkNames) {
        StringBuilder b = new StringBuilder();
        b.append("Root cause found by monitoring: ").append(r.name()).append(r.ci() == null ? "" : " (CI " + r.ci() + ")")
            .append(" is ").append(r.state()).append(" since ").append(time(r.since())).append(".\n");
        b.append("Failing checks: ").append(r.checks().stream().map(c -> checkNames.getOrDefault(c, "check " + c) + " (check " + c + ")")
            .collect(Collectors.joining(", "))).append(".\n");
        b.append(services(r.services())).append('\n');
        b.append(symptoms(r.symptoms()));
        if ("redundancy-lost".equals(r.kind())) {
            b.append("\nRedundancy is lost: the services still run on what remains, with nothing in reserve.");
        }
        return abbreviate(b.toString(), 20000);
    }

    static String services(List<RootCause.Service> services) {
        if (services.isEmpty()) {
            return "Impacted business services: none known.";
        }
        return "Impacted business services: " + services.stream()
            .map(s -> s.name() + " (" + s.state() + ", " + s.criticality() + ")").collect(Collectors.joining(", ")) + ".";
    }

    static String symptoms(List<RootCause.Symptom> symptoms) {
        if (symptoms.isEmpty()) {
            return "Symptoms: none.";
        }
        return "Symptoms (they rely on it and open no incident of their own): " + symptoms.stream()
            .map(s -> s.ciName() + " — " + s.checkName() + " (" + s.state() + ")").collect(Collectors.joining("; ")) + ".";
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
