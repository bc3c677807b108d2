package org.estate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one reader of ISO instants (API) and typed times (forms) that Bounds, the rotas and the change pages share. */
class InstantsTests {

    @Test
    void readsIsoWithAnOffsetAndPutsBackAnUnencodedPlus() {
        assertThat(Instants.iso("2027-01-04T09:00:00Z")).isEqualTo(Instant.parse("2027-01-04T09:00:00Z"));
        assertThat(Instants.iso(" 2027-01-04T10:00:00+01:00 ")).isEqualTo(Instant.parse("2027-01-04T09:00:00Z"));
        assertThat(Instants.iso("2027-01-04T10:00:00 01:00")).as("'+' decoded as a space").isEqualTo(Instant.parse("2027-01-04T09:00:00Z"));
        assertThat(Instants.iso("2027-01-04T09:00:00")).as("no offset").isNull();
        assertThat(Instants.iso("yesterday")).isNull();
        assertThat(Instants.iso("")).isNull();
        assertThat(Instants.iso(null)).isNull();
        assertThat(Instants.iso("2027-01-04T09:00:00Z" + " ".repeat(60))).as("too long").isNull();
    }

    @Test
    void readsAFormTimeOrSaysWhatIsWrong() {
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(Instants.formTime("2027-01-04T09:00:00Z", "start", "Start", errors)).isEqualTo("2027-01-04T09:00:00Z");
        assertThat(Instants.formTime("", "end", "End", errors)).isNull();
        assertThat(Instants.formTime("not a time", "start", "Start", errors)).isNull();
        assertThat(errors).containsEntry("end", "Enter the end").containsKey("start");
        assertThat(Bounds.instant("at", "2027-01-04T09:00:00Z")).isEqualTo(Instant.parse("2027-01-04T09:00:00Z"));
    }
}
