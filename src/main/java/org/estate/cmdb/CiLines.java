package org.estate.cmdb;

import java.util.List;
import java.util.Map;

/**
 * The affected-CIs field of any form: one CI per line, written "Name (Class)" by the picker
 * (js/ci-picker.js) and read back by {@link Cmdb#named}. The service desk's and change
 * management's forms share it.
 */
public final class CiLines {

    private final Cmdb cmdb;
    private final int max;

    public CiLines(Cmdb cmdb, int max) {
        this.cmdb = cmdb;
        this.max = max;
    }

    /** The line a CI is shown as: "Name (Class label)". */
    public String line(String name, String classKey) {
        return name + " (" + cmdb.ciClass(classKey).map(CiClass::label).orElse(classKey) + ")";
    }

    /** CIs by id, one line each ("Name (Class label)"); an id that names no CI any more is shown as the id. */
    public String show(List<Long> ids) {
        StringBuilder out = new StringBuilder();
        for (Long id : ids) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            try {
                Ci ci = cmdb.get(id);
                out.append(line(ci.name(), ci.ciClass()));
            } catch (org.estate.platform.NotFoundException e) {
                out.append(id);
            }
        }
        return out.toString();
    }

    /**
     * CI names, one per line: "Name (Class)" as the picker writes them, a bare name when it is
     * unique, or an id. Each line that names no CI, or several, is an error on {@code cis}.
     */
    public void resolve(String text, List<Long> ids, Map<String, String> errors) {
        String[] parts = (text == null ? "" : text).split("\\R");
        if (parts.length > max) {
            errors.putIfAbsent("cis", "Name at most " + max + " CIs");
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
