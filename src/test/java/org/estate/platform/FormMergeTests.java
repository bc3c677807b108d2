package org.estate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The three-way merge every edit form uses: only what the user changed is written; both changed differently is a conflict. */
@Tag("unit")
class FormMergeTests {

    private static final List<String> FIELDS = List.of("title", "owner", "notes");

    private static Map<String, String> form(String title, String owner, String notes, Map<String, String> original) {
        Map<String, String> m = new HashMap<>();
        m.put("title", title);
        m.put("owner", owner);
        m.put("notes", notes);
        original.forEach((k, v) -> m.put(FormMerge.ORIGINAL + k, v));
        return m;
    }

    @Test
    void onlyTheFieldsTheUserChangedAreWrittenAndTheirChangesAreKept() {
        Map<String, String> shown = Map.of("title", "Printer", "owner", "Estates", "notes", "");
        Map<String, String> now = Map.of("title", "Printer", "owner", "Facilities", "notes", "");
        FormMerge.Outcome m = FormMerge.merge(FIELDS, form("Printer on 3", "Estates", "", shown), now);
        assertThat(m.edited()).containsExactly(Map.entry("title", "Printer on 3"));
        assertThat(m.keptTheirs()).containsExactly(Map.entry("owner", "Facilities"));
        assertThat(m.hasConflicts()).isFalse();
        // Shown again, the form has the user's title and the current owner (not the stale one it was opened with).
        assertThat(m.reshown()).containsEntry("title", "Printer on 3").containsEntry("owner", "Facilities");
    }

    @Test
    void bothChangingAFieldDifferentlyIsAConflictAndTheSameWayIsNot() {
        Map<String, String> shown = Map.of("title", "Printer", "owner", "Estates", "notes", "a");
        Map<String, String> now = Map.of("title", "Printer jammed", "owner", "Networks", "notes", "a");
        FormMerge.Outcome m = FormMerge.merge(FIELDS, form("Printer broken", "Networks", "a", shown), now);
        assertThat(m.conflicts()).containsOnlyKeys("title");
        assertThat(m.conflicts().get("title")).isEqualTo(new FormMerge.Conflict("Printer jammed", "Printer broken"));
        assertThat(m.edited()).isEmpty();
        // Shown again with the current values as originals: keeping mine writes mine, choosing theirs writes nothing.
        Map<String, String> again = form("Printer broken", "Networks", "a", now);
        assertThat(FormMerge.merge(FIELDS, again, now).edited()).containsExactly(Map.entry("title", "Printer broken"));
        again.put(FormMerge.RESOLVE + "title", "theirs");
        assertThat(FormMerge.merge(FIELDS, again, now).edited()).isEmpty();
    }

    @Test
    void valuesCompareAsTheFormShowsThem() {
        Map<String, String> shown = new HashMap<>();
        shown.put("title", "T");
        shown.put("owner", null);
        shown.put("notes", "line one\nline two");
        Map<String, String> now = new HashMap<>(shown);
        FormMerge.Outcome m = FormMerge.merge(FIELDS, form(" T ", "", "line one\r\nline two", shown), now);
        assertThat(m.edited()).isEmpty();
        assertThat(m.hasConflicts()).isFalse();
        // A form without originals counts what differs from now as edited.
        Map<String, String> old = Map.of("title", "T2", "owner", "", "notes", "line one\nline two");
        assertThat(FormMerge.merge(FIELDS, old, now).edited()).containsOnlyKeys("title");
    }
}
