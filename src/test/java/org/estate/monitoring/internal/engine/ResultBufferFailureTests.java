package org.estate.monitoring.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.estate.monitoring.internal.engine.ResultWriter.Written;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the result buffer does when a batch fails: a database that is busy or away keeps every
 * result for the next flush, in order; a result the database refuses does not hold back the rest
 * of its batch (nor every later result) for ever.
 */
@Tag("unit")
class ResultBufferFailureTests {

    /** A writer that refuses what {@code refuse} says, and fails with {@code failure} while it is set. */
    static final class FakeWriter extends ResultWriter {
        final List<Long> recorded = new ArrayList<>();
        Predicate<Recorded> refuse = r -> false;
        RuntimeException failure;

        FakeWriter() {
            super(null, null, null, null, null, null, null);
        }

        @Override
        List<Written> write(List<Recorded> batch) {
            if (failure != null) {
                throw failure;
            }
            if (batch.stream().anyMatch(refuse)) {
                throw new DataIntegrityViolationException("Value too long for column");
            }
            List<Written> out = new ArrayList<>();
            for (Recorded r : batch) {
                recorded.add(r.checkId());
                out.add(new Written(r, "up", "up", "up", false));
            }
            return out;
        }
    }

    private final FakeWriter writer = new FakeWriter();
    private final ResultBuffer buffer = new ResultBuffer(writer, settings(), List.of(), new SimpleMeterRegistry());

    private static EngineSettings settings() {
        return new EngineSettings(false, "test-node", 10, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(15),
            Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200), 1000, 5, Duration.ofMinutes(30), Duration.ofDays(7),
            Duration.ofDays(400), 5000);
    }

    private static Recorded result(long checkId) {
        return new Recorded(checkId, Instant.parse("2032-02-01T09:00:00Z").plusSeconds(checkId), ProbeResult.up(1, "fine", Map.of()), null,
            "tcp", Map.of(), 3, 1, true, null);
    }

    private void add(long... ids) {
        for (long id : ids) {
            buffer.add(result(id), false);
        }
    }

    @Test
    void aResultTheDatabaseRefusesIsLeftOutAndTheRestOfItsBatchIsRecorded() {
        writer.refuse = r -> r.checkId() == 3;
        add(1, 2, 3, 4, 5);
        buffer.flush();
        assertThat(writer.recorded).containsExactly(1L, 2L, 4L, 5L);
        assertThat(buffer.pending()).isZero();
        add(6);
        buffer.flush();
        assertThat(writer.recorded).as("later results are not held back").endsWith(6L);
    }

    @Test
    void aDatabaseThatIsBusyKeepsEveryResultForTheNextFlushInOrder() {
        writer.failure = new QueryTimeoutException("Timeout trying to lock table");
        add(1, 2, 3);
        assertThatThrownBy(buffer::flush).isInstanceOf(QueryTimeoutException.class);
        assertThat(buffer.pending()).isEqualTo(3);
        add(4);
        writer.failure = null;
        buffer.flush();
        assertThat(writer.recorded).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void whenNoResultOfABatchGoesInTheFaultIsNotTheResultsAndTheBatchWaits() {
        writer.refuse = r -> Set.of(1L, 2L, 3L).contains(r.checkId());
        add(1, 2, 3);
        assertThatThrownBy(buffer::flush).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(buffer.pending()).as("nothing dropped").isEqualTo(3);
        assertThat(writer.recorded).isEmpty();
        writer.refuse = r -> false;
        buffer.flush();
        assertThat(writer.recorded).containsExactly(1L, 2L, 3L);
    }
}
