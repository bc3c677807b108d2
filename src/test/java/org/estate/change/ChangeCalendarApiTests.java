package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.estate.change.internal.StubFreezesAndWindows;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import tools.jackson.databind.JsonNode;

/**
 * The change calendar through real HTTP: JSON over a range with its filters and limits, and the
 * iCalendar feed read back with ical4j (stable UIDs, UTC times either side of a clock change).
 * Freezes and windows come from a test stand-in until the real ones are merged.
 */
@EstateTest
@Import(StubFreezesAndWindows.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeCalendarApiTests {

    @LocalServerPort
    int port;

    ChangeFixture f;
    ApiClient viewer;
    String team;
    long svc;
    long app;
    long db;
    long vm;
    String onDb;
    String onVm;
    String acrossDst;
    String cancelled;
    String later;
    long freezeAll;
    long freezeVm;
    long window;

    @BeforeAll
    void estate() {
        f = new ChangeFixture(port);
        viewer = ApiClient.as(port, "cal.viewer", "viewer");
        team = "cal-" + f.s;
        Response t = ApiClient.as(port, "cal.manager", "manager").post("/api/v1/teams",
            "{\"key\":\"" + team + "\",\"name\":\"Calendar team " + f.s + "\",\"members\":[]}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        svc = f.ci("business-service", "Council Tax billing", "critical");
        app = f.ci("application", "ctax-app", null);
        db = f.ci("database", "ctax-db", null);
        vm = f.ci("virtual-machine", "print-vm", null);
        f.rel(svc, "depends-on", app);
        f.rel(app, "depends-on", db);
        String teamField = ",\"team\":\"" + team + "\"";
        onDb = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2031-05-10T01:00:00Z", "2031-05-10T03:00:00Z", teamField, db));
        onVm = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2031-05-09T22:00:00Z", "2031-05-10T02:00:00Z", teamField, vm));
        // 30 March 2031: the clocks go forward at 01:00 UTC; this change runs 00:30–01:30 UTC (00:30 GMT to 02:30 BST).
        acrossDst = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2031-03-30T00:30:00Z", "2031-03-30T01:30:00Z", teamField, vm));
        cancelled = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2031-05-12T01:00:00Z", "2031-05-12T02:00:00Z", teamField, db));
        Response c = f.engineer.post("/api/v1/changes/" + cancelled + "/status", "{\"status\":\"cancelled\",\"note\":\"Not needed\"}");
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        later = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2033-01-10T01:00:00Z", "2033-01-10T02:00:00Z", teamField, db));
        freezeAll = ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000);
        freezeVm = freezeAll + 1;
        window = freezeAll + 2;
        StubFreezesAndWindows.freeze(freezeAll, "Annual billing " + f.s, Instant.parse("2031-05-20T00:00:00Z"),
            Instant.parse("2031-05-23T00:00:00Z"), true, null);
        StubFreezesAndWindows.freeze(freezeVm, "Print run " + f.s, Instant.parse("2031-05-15T00:00:00Z"),
            Instant.parse("2031-05-16T00:00:00Z"), false, Set.of(vm));
        StubFreezesAndWindows.occurrence(window, "Sunday patching " + f.s, List.of(db), Instant.parse("2031-05-11T01:00:00Z"),
            Instant.parse("2031-05-11T03:00:00Z"));
    }

    @AfterEach
    void clock() {
        TestClock.reset();
    }

    private JsonNode calendar(String query) {
        Response r = viewer.get("/api/v1/changes/calendar?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> refs(JsonNode cal) {
        List<String> out = new ArrayList<>();
        cal.get("changes").forEach(c -> out.add(c.get("ref").asString()));
        return out;
    }

    private static List<Long> ids(JsonNode list, String field) {
        List<Long> out = new ArrayList<>();
        list.forEach(x -> out.add(x.get(field).asLong()));
        return out;
    }

    @Test
    void aMonthHoldsItsChangesByStartWithoutCancelledOnesAndWithFreezesAndWindows() {
        JsonNode may = calendar("from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z&team=" + team);
        assertThat(refs(may)).containsExactly(onVm, onDb);
        JsonNode c = may.get("changes").get(1);
        assertThat(c.get("title").asString()).isEqualTo("Upgrade");
        assertThat(c.get("type").asString()).isEqualTo("normal");
        assertThat(c.get("status").asString()).isEqualTo("draft");
        assertThat(c.get("start").asString()).isEqualTo("2031-05-10T01:00:00Z");
        assertThat(c.get("end").asString()).isEqualTo("2031-05-10T03:00:00Z");
        assertThat(c.get("team").asString()).isEqualTo(team);
        assertThat(c.get("cis").get(0).asLong()).isEqualTo(db);
        // Compact: nothing computed per change.
        assertThat(c.has("impact")).isFalse();
        assertThat(c.has("collisions")).isFalse();
        assertThat(ids(may.get("freezes"), "id")).contains(freezeAll, freezeVm);
        JsonNode m = may.get("maintenance");
        assertThat(ids(m, "window")).contains(window);
        JsonNode occurrence = m.get(ids(m, "window").indexOf(window));
        assertThat(occurrence.get("cis").get(0).asLong()).isEqualTo(db);
        assertThat(occurrence.get("start").asString()).isEqualTo("2031-05-11T01:00:00Z");
        assertThat(occurrence.get("end").asString()).isEqualTo("2031-05-11T03:00:00Z");

        // The range is half-open and a change overlapping its edge is in it.
        assertThat(refs(calendar("from=2031-05-10T02:00:00Z&to=2031-05-10T02:30:00Z&team=" + team))).containsExactly(onDb);
        assertThat(refs(calendar("from=2031-05-10T03:00:00Z&to=2031-05-11T00:00:00Z&team=" + team))).isEmpty();
        // DST: instants in UTC whatever the clocks in London do.
        JsonNode march = calendar("from=2031-03-30T00:00:00Z&to=2031-03-31T00:00:00Z&team=" + team);
        assertThat(refs(march)).containsExactly(acrossDst);
        assertThat(march.get("changes").get(0).get("start").asString()).isEqualTo("2031-03-30T00:30:00Z");
        assertThat(march.get("changes").get(0).get("end").asString()).isEqualTo("2031-03-30T01:30:00Z");
    }

    @Test
    void filtersByCiAndByBusinessServiceReachChangesFreezesAndWindows() {
        JsonNode onTheDb = calendar("from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z&ci=" + db);
        assertThat(refs(onTheDb)).containsExactly(onDb);
        assertThat(ids(onTheDb.get("freezes"), "id")).contains(freezeAll).doesNotContain(freezeVm);
        assertThat(ids(onTheDb.get("maintenance"), "window")).contains(window);

        JsonNode onTheVm = calendar("from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z&ci=" + vm);
        assertThat(refs(onTheVm)).containsExactly(onVm);
        assertThat(ids(onTheVm.get("freezes"), "id")).contains(freezeAll, freezeVm);
        assertThat(ids(onTheVm.get("maintenance"), "window")).doesNotContain(window);

        // Council Tax billing relies on the database (through the application), not on the print VM.
        JsonNode service = calendar("from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z&service=" + svc);
        assertThat(refs(service)).containsExactly(onDb);
        assertThat(ids(service.get("maintenance"), "window")).contains(window);
        assertThat(ids(service.get("freezes"), "id")).doesNotContain(freezeVm);
    }

    @Test
    void aMissingBadOrTooLongRangeAndUnknownFiltersAre422NamingTheField() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("to=2031-06-01T00:00:00Z", "from");
        cases.put("from=2031-05-01T00:00:00Z", "to");
        cases.put("from=yesterday&to=2031-06-01T00:00:00Z", "from");
        cases.put("from=2031-05-01T00:00:00Z&to=2031-04-01T00:00:00Z", "to");
        cases.put("from=2031-01-01T00:00:00Z&to=2032-06-01T00:00:00Z", "to");
        cases.put("from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z&team=no-such-team-" + f.s, "team");
        cases.put("from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z&ci=db", "ci");
        cases.put("from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z&ci=999999999", "ci");
        cases.put("from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z&service=" + db, "service");
        cases.forEach((query, field) -> {
            Response r = viewer.get("/api/v1/changes/calendar?" + query);
            assertThat(r.status()).as(query + " " + r.body()).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(query).isEqualTo(field);
        });
        // 13 months is allowed.
        assertThat(viewer.get("/api/v1/changes/calendar?from=2031-01-01T00:00:00Z&to=2032-02-01T00:00:00Z").status()).isEqualTo(200);
        assertThat(ApiClient.as(port, "cal.requester", "requester")
            .get("/api/v1/changes/calendar?from=2031-05-01T00:00:00Z&to=2031-06-01T00:00:00Z").status()).isEqualTo(403);
    }

    private Calendar ics(String token, String query) throws Exception {
        Response r = ApiClient.anonymous(port).get("/api/v1/changes/calendar.ics?feed=" + token + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/calendar");
        return new CalendarBuilder().build(new StringReader(r.body()));
    }

    private static String value(VEvent e, String property) {
        return e.getProperty(property).map(Property::getValue).orElse(null);
    }

    private static VEvent event(Calendar cal, String summaryStart) {
        List<VEvent> events = cal.getComponents(Component.VEVENT);
        return events.stream().filter(e -> value(e, Property.SUMMARY).startsWith(summaryStart)).findFirst()
            .orElseThrow(() -> new AssertionError("No event starting " + summaryStart));
    }

    @Test
    void theFeedReadsBackWithIcal4jWithStableUidsAndUtcTimesAcrossTheClockChange() throws Exception {
        TestClock.set("2031-04-01T12:00:00Z");
        String token = viewer.post("/api/v1/feed-tokens", "{\"name\":\"Outlook\"}").json().get("token").asString();
        Calendar cal = ics(token, "&team=" + team);
        List<VEvent> events = cal.getComponents(Component.VEVENT);
        List<String> summaries = events.stream().map(e -> value(e, Property.SUMMARY)).toList();
        assertThat(summaries).anyMatch(s -> s.equals(onDb + " Upgrade")).anyMatch(s -> s.equals(onVm + " Upgrade"))
            .anyMatch(s -> s.equals(acrossDst + " Upgrade"))
            .noneMatch(s -> s.startsWith(cancelled + " ")).noneMatch(s -> s.startsWith(later + " "));

        VEvent db = event(cal, onDb + " ");
        assertThat(value(db, Property.DTSTART)).isEqualTo("20310510T010000Z");
        assertThat(value(db, Property.DTEND)).isEqualTo("20310510T030000Z");
        assertThat(value(db, Property.DTSTAMP)).isEqualTo("20310401T120000Z");
        assertThat(Instant.from(db.getStartDate().orElseThrow().getDate())).isEqualTo(Instant.parse("2031-05-10T01:00:00Z"));
        VEvent dst = event(cal, acrossDst + " ");
        assertThat(Instant.from(dst.getStartDate().orElseThrow().getDate())).isEqualTo(Instant.parse("2031-03-30T00:30:00Z"));
        assertThat(Instant.from(dst.getEndDate().orElseThrow().getDate())).isEqualTo(Instant.parse("2031-03-30T01:30:00Z"));
        assertThat(value(dst, Property.DTEND)).isEqualTo("20310330T013000Z");

        VEvent freeze = event(cal, "Freeze: Annual billing " + f.s);
        assertThat(value(freeze, Property.DTSTART)).isEqualTo("20310520T000000Z");
        VEvent patching = event(cal, "Maintenance window: Sunday patching " + f.s);
        assertThat(value(patching, Property.DTSTART)).isEqualTo("20310511T010000Z");

        // The same event keeps its UID from one poll to the next, and no two events share one.
        String uid = value(db, Property.UID);
        TestClock.advanceMinutes(90);
        Calendar again = ics(token, "&team=" + team);
        assertThat(value(event(again, onDb + " "), Property.UID)).isEqualTo(uid);
        assertThat(value(event(again, onDb + " "), Property.DTSTAMP)).isEqualTo("20310401T133000Z");
        List<String> uids = events.stream().map(e -> value(e, Property.UID)).toList();
        assertThat(uids).doesNotHaveDuplicates();

        // Filters apply to the feed too; 30 days back is the limit.
        Calendar onVmOnly = ics(token, "&ci=" + vm);
        List<String> vmSummaries = onVmOnly.<VEvent>getComponents(Component.VEVENT).stream().map(e -> value(e, Property.SUMMARY)).toList();
        assertThat(vmSummaries).anyMatch(s -> s.startsWith(onVm + " ")).noneMatch(s -> s.startsWith(onDb + " "));
        TestClock.set("2031-05-01T00:00:00Z");
        assertThat(ics(token, "&team=" + team).<VEvent>getComponents(Component.VEVENT).stream().map(e -> value(e, Property.SUMMARY)))
            .noneMatch(s -> s.startsWith(acrossDst + " ")).anyMatch(s -> s.startsWith(onDb + " "));
        assertThat(ApiClient.anonymous(port).get("/api/v1/changes/calendar.ics?feed=" + token + "&team=nope-" + f.s).status()).isEqualTo(422);
    }
}
