package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The freeze and outside-window collision kinds end to end, with the real freeze and window
 * services: a freeze on a business service covers what it relies on (with the path), a recurring
 * Sunday window in Europe/London lets a change in it through and flags one outside it, a freeze
 * saved after a change was scheduled flags that change, and the calendar shows both.
 */
@EstateTest
class FreezeAndWindowCollisionTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @LocalServerPort
    int port;

    /** A Sunday of its own in the 2050s–2080s (the freezes of other tests sit in the 2040s). */
    private static LocalDate sunday() {
        return LocalDate.of(2050, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 12_000))
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    }

    private static String london(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(LONDON).toInstant().toString();
    }

    private static List<String> kinds(JsonNode change) {
        List<String> out = new ArrayList<>();
        change.get("collisions").forEach(c -> out.add(c.get("kind").asString()));
        return out;
    }

    @Test
    void aFreezeOnAServiceCoversWhatItReliesOnWithThePathAndAddsTenToTheRisk() {
        ChangeFixture f = new ChangeFixture(port);
        ApiClient manager = ApiClient.as(port, "fwc.mgr", "manager");
        long svc = f.ci("business-service", "fwc-billing", "high");
        long app = f.ci("application", "fwc-app", null);
        long db = f.ci("database", "fwc-db", null);
        f.rel(svc, "uses", app);
        f.rel(app, "depends-on", db);
        LocalDate day = sunday();
        Response frozen = manager.post("/api/v1/freezes", """
            {"name":"Annual billing %s","start":"%s","end":"%s","scope":{"cis":[%d]},"hard":false,"reason":"Council Tax bills go out"}"""
            .formatted(f.s, london(day.minusDays(3), 0, 0), london(day.plusDays(3), 0, 0), svc));
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(201);

        String ref = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", london(day, 2, 0), london(day, 3, 0), "", db));
        JsonNode c = f.engineer.get("/api/v1/changes/" + ref).json();
        assertThat(kinds(c)).containsExactly("freeze");
        JsonNode hit = c.get("collisions").get(0);
        List<Long> path = new ArrayList<>();
        hit.get("path").forEach(n -> path.add(n.asLong()));
        assertThat(path).as("from the affected CI up to the frozen service").containsExactly(db, app, svc);
        assertThat(hit.get("detail").asString()).contains("Annual billing " + f.s);
        List<String> factors = new ArrayList<>();
        c.get("risk").get("factors").forEach(x -> factors.add(x.get("factor").asString() + "=" + x.get("points").asInt()));
        assertThat(factors).contains("collision=10");

        // The same change a week later is clear of the freeze.
        String later = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", london(day.plusDays(7), 2, 0),
            london(day.plusDays(7), 3, 0), "", db));
        assertThat(kinds(f.engineer.get("/api/v1/changes/" + later).json())).isEmpty();

        // The proposed-change check sees it too, storing nothing.
        Response proposed = f.engineer.post("/api/v1/changes/collisions", """
            {"plannedStart":"%s","plannedEnd":"%s","affectedCis":[%d]}""".formatted(london(day, 5, 0), london(day, 6, 0), app));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        assertThat(proposed.json().get("collisions").get(0).get("kind").asString()).isEqualTo("freeze");
    }

    @Test
    void aCiWithASundayWindowIsFlaggedOnlyWhenTouchedOutsideItAcrossTheClockChange() {
        ChangeFixture f = new ChangeFixture(port);
        long sw = f.ci("network-device", "fwc-sw", null);
        long free = f.ci("network-device", "fwc-sw-nowindow", null);
        Response w = f.engineer.post("/api/v1/maintenance-windows", """
            {"name":"Sunday patching %s","cis":[%d],"rrule":"FREQ=WEEKLY;BYDAY=SU","zone":"Europe/London","startTime":"02:00","durationMinutes":120,"from":"2049-01-01"}"""
            .formatted(f.s, sw));
        assertThat(w.status()).as(w.body()).isEqualTo(201);
        // The last Sunday of October 2055 (clocks go back at 02:00 BST) and an ordinary summer Sunday.
        LocalDate autumn = LocalDate.of(2055, 10, 31).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
        LocalDate summer = LocalDate.of(2055, 7, 4).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        for (LocalDate day : List.of(summer, autumn)) {
            String inside = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", london(day, 2, 15), london(day, 3, 45), "", sw));
            assertThat(kinds(f.engineer.get("/api/v1/changes/" + inside).json())).as("inside the window on " + day).isEmpty();
        }
        String tuesday = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", london(summer.plusDays(2), 2, 15),
            london(summer.plusDays(2), 3, 0), "", sw, free));
        JsonNode c = f.engineer.get("/api/v1/changes/" + tuesday).json();
        assertThat(kinds(c)).containsExactly("outside-window");
        assertThat(c.get("collisions").get(0).get("path").get(0).asLong()).as("only the CI that has windows").isEqualTo(sw);
        // Overrunning the window's end is outside it too.
        String overrun = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", london(summer, 3, 0), london(summer, 4, 30), "", sw));
        assertThat(kinds(f.engineer.get("/api/v1/changes/" + overrun).json())).containsExactly("outside-window");

        // The calendar shows the window's occurrence on that Sunday in UK time.
        Response cal = f.engineer.get("/api/v1/changes/calendar?from=" + london(summer, 0, 0) + "&to=" + london(summer.plusDays(1), 0, 0)
            + "&ci=" + sw);
        assertThat(cal.status()).as(cal.body()).isEqualTo(200);
        JsonNode m = cal.json().get("maintenance");
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.get(0).get("start").asString()).isEqualTo(london(summer, 2, 0));
        assertThat(m.get(0).get("end").asString()).isEqualTo(london(summer, 4, 0));
    }

    @Test
    void aFreezeSavedAfterAChangeWasScheduledFlagsIt() {
        ChangeFixture f = new ChangeFixture(port);
        ApiClient manager = ApiClient.as(port, "fwc.mgr2", "manager");
        long vm = f.ci("virtual-machine", "fwc-vm", null);
        LocalDate day = sunday();
        String ref = ChangeFixture.created(f.engineer, ChangeFixture.body("emergency", london(day, 1, 0), london(day, 2, 0), "", vm));
        assertThat(f.engineer.post("/api/v1/changes/" + ref + "/submit", "").status()).isEqualTo(200);
        Response approved = manager.post("/api/v1/changes/" + ref + "/approvals", "{\"decision\":\"approved\",\"note\":\"go\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("scheduled");
        assertThat(approved.json().get("collisionFlag").isNull()).isTrue();

        Response frozen = manager.post("/api/v1/freezes", """
            {"name":"Election count %s","start":"%s","end":"%s","scope":{"cis":[%d]},"hard":true,"reason":"Count night"}"""
            .formatted(f.s, london(day, 0, 0), london(day.plusDays(1), 0, 0), vm));
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode flag = f.engineer.get("/api/v1/changes/" + ref).json().get("collisionFlag");
            assertThat(flag.isNull()).as("flagged once the freeze is saved").isFalse();
            assertThat(flag.get("gained").get(0).get("kind").asString()).isEqualTo("freeze");
        });
        assertThat(f.engineer.get("/api/v1/changes/" + ref + "/history").body()).contains("collision-flagged");
    }
}
