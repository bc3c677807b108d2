package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.estate.servicedesk.internal.SlaClockJob;
import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** SLA warnings and breaches are announced once each, by whichever run gets there first; resolved tickets close themselves. */
@EstateTest
class SlaClockJobTests {

    @LocalServerPort
    int port;
    @Autowired
    SlaClockJob job;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    int notices(ApiClient c, String ref, String prefix) {
        int n = 0;
        for (JsonNode e : c.get("/api/v1/incidents/" + ref + "/updates").json()) {
            if (e.get("kind").asString().equals("sla") && e.get("text").asString().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void eachWarningAndBreachIsAnnouncedOnceEvenWithRacingRuns() throws Exception {
        ApiClient engineer = ApiClient.as(port, "job.engineer", "engineer");
        TestClock.set("2030-01-07T10:00:00Z"); // far from other tests' tickets; a Monday
        String ref = engineer.post("/api/v1/incidents", """
            {"title":"Job test","impact":"high","urgency":"high","reporter":{"name":"A","email":"a@eastmoor.example"}}""")
            .json().get("ref").asString();
        job.runOnce();
        assertThat(notices(engineer, ref, "SLA")).isZero();
        // P1 response: 15 min, warning at 75% = 11 min 15 s.
        TestClock.set("2030-01-07T10:12:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> run = job::runOnce;
            java.util.List<Future<Integer>> runs = pool.invokeAll(java.util.List.of(run, run, run, run));
            for (Future<Integer> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(notices(engineer, ref, "SLA warning: respond")).isEqualTo(1);
        assertThat(notices(engineer, ref, "SLA breached")).isZero();
        TestClock.set("2030-01-07T10:16:00Z");
        job.runOnce();
        job.runOnce();
        assertThat(notices(engineer, ref, "SLA breached: no response")).isEqualTo(1);
        assertThat(notices(engineer, ref, "SLA warning: respond")).isEqualTo(1);
        // Resolution (4 h): warning at 13:00, breach at 14:00.
        TestClock.set("2030-01-07T14:01:00Z");
        job.runOnce();
        assertThat(notices(engineer, ref, "SLA warning: resolve")).isEqualTo(1);
        assertThat(notices(engineer, ref, "SLA breached: not resolved")).isEqualTo(1);
        job.runOnce();
        assertThat(notices(engineer, ref, "SLA")).isEqualTo(4);
    }

    @Test
    void nothingIsAnnouncedWhileOnHoldAndResolvedTicketsCloseThemselves() {
        ApiClient engineer = ApiClient.as(port, "job.engineer", "engineer");
        TestClock.set("2030-02-04T09:00:00Z");
        String ref = engineer.post("/api/v1/incidents", """
            {"title":"Hold test","impact":"medium","urgency":"medium","reporter":{"name":"A","email":"a@eastmoor.example"}}""")
            .json().get("ref").asString();
        engineer.post("/api/v1/incidents/" + ref + "/status", "{\"status\":\"in-progress\"}");
        engineer.post("/api/v1/incidents/" + ref + "/status", "{\"status\":\"on-hold\",\"holdReason\":\"awaiting-supplier\"}");
        TestClock.set("2030-02-20T09:00:00Z"); // long past the 3-day resolution target, but on hold throughout
        job.runOnce();
        assertThat(notices(engineer, ref, "SLA")).isZero();
        engineer.post("/api/v1/incidents/" + ref + "/status", "{\"status\":\"resolved\",\"resolutionCode\":\"fixed\",\"note\":\"Supplier patched\"}");
        TestClock.set("2030-02-24T09:00:00Z");
        job.runOnce();
        assertThat(engineer.get("/api/v1/incidents/" + ref).json().get("status").asString()).isEqualTo("resolved");
        TestClock.set("2030-02-25T09:01:00Z");
        job.runOnce();
        JsonNode closed = engineer.get("/api/v1/incidents/" + ref).json();
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("sla").get("state").asString()).isEqualTo("met");
    }
}
