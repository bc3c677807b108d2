package org.estate.servicedesk.web;

import java.util.List;
import java.util.Map;

import org.estate.cmdb.CiSuggestion;
import org.estate.cmdb.Cmdb;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.TicketService;

/**
 * The affected-CIs field of the desk's forms: one CI per line, written "Name (Class)" by the
 * picker (js/ci-picker.js) and read back by the CMDB's {@link Cmdb#named}.
 */
final class CiLines {

    private final Cmdb cmdb;

    CiLines(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    /** The lines a ticket's affected CIs are shown as: "Name (Class label)". */
    String show(List<TicketView.CiRef> cis) {
        return String.join("\n", cis.stream().map(c -> c.name() + " ("
            + cmdb.ciClass(c.ciClass()).map(k -> k.label()).orElse(c.ciClass()) + ")").toList());
    }

    /**
     * CI names, one per line: "Name (Class)" as the picker writes them, a bare name when it is
     * unique, or an id. Each line that names no CI, or several, is an error on {@code cis}.
     */
    void resolve(String text, List<Long> ids, Map<String, String> errors) {
        String[] parts = text.split("\\R");
        if (parts.length > TicketService.MAX_CIS) {
            errors.putIfAbsent("cis", "Name at most " + TicketService.MAX_CIS + " CIs");
            return;
        }
        for (String part : parts) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            String shown = name.length() <= 60 ? name : name.substring(0, 59) + "…";
            List<CiSuggestion> matches = cmdb.named(name);
            if (name.matches("\\d+") && matches.isEmpty()) {
                // An id (a CI named by digits wins); one too long for a number names no CI rather than failing to parse.
                if (name.length() <= 18) {
                    ids.add(Long.parseLong(name));
                } else {
                    errors.putIfAbsent("cis", "There is no CI with id " + name.substring(0, Math.min(name.length(), 40)));
                }
                continue;
            }
            if (matches.size() == 1) {
                ids.add(matches.getFirst().id());
            } else if (matches.isEmpty()) {
                errors.putIfAbsent("cis", "There is no CI named ‘" + shown + "’: check the spelling, or choose it from the suggestions");
            } else {
                errors.putIfAbsent("cis", "More than one CI is named ‘" + shown + "’: write it with its class, like ‘"
                    + matches.getFirst().label() + "’ (" + String.join(", ", matches.stream().map(CiSuggestion::label).toList()) + ")");
            }
        }
    }

}
