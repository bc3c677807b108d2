package org.estate.oncall.internal;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.oncall.internal.RotaFields.RestrictionInput;

/** Minute-of-week arithmetic for imported restrictions (PagerDuty's and Opsgenie's) as Estate's. */
final class WeekSpans {

    private WeekSpans() {
    }

    /**
     * Spans of the week (minutes from Monday 00:00, an end past the week's end wrapping round) as
     * Estate restrictions: each span cut at midnights, then the pieces of equal hours gathered into
     * one restriction over their days. A span covering the whole week gives no restriction (null).
     */
    static List<RestrictionInput> restrictions(List<int[]> spans) {
        boolean[] covered = new boolean[7 * 1440];
        for (int[] s : spans) {
            for (int m = s[0]; m < s[1] && m < s[0] + 7 * 1440; m++) {
                covered[Math.floorMod(m, 7 * 1440)] = true;
            }
        }
        // Per day, the covered stretches [from, to) of that day.
        Map<String, Set<DayOfWeek>> byHours = new LinkedHashMap<>();
        boolean all = true;
        for (int d = 0; d < 7; d++) {
            int m = 0;
            while (m < 1440) {
                if (!covered[d * 1440 + m]) {
                    all = false;
                    m++;
                    continue;
                }
                int from = m;
                while (m < 1440 && covered[d * 1440 + m]) {
                    m++;
                }
                byHours.computeIfAbsent(RotaFields.text(from) + "-" + RotaFields.text(m), k -> java.util.EnumSet.noneOf(DayOfWeek.class))
                    .add(DayOfWeek.of(d + 1));
            }
        }
        if (all) {
            return null;
        }
        List<RestrictionInput> out = new ArrayList<>();
        byHours.forEach((hours, days) -> {
            String[] ft = hours.split("-");
            out.add(new RestrictionInput(days.stream().map(DayOfWeek::name).toList(), ft[0], ft[1]));
        });
        return out;
    }
}
