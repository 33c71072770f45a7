package io.brushwork.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.auth.ApiKeys;
import io.brushwork.testing.TableOutage;
import io.brushwork.testing.TableRows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage rows outlive a database that fails for a while: on a real SQLite database whose usage table refuses inserts,
 * rows wait in memory and are written, in order and as they were, once it takes them again.
 */
class UsageRecorderTest {
    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path data;

    private Database db;
    private UsageLog usage;
    private long key;

    @BeforeEach
    void open() {
        db = Database.open(data);
        usage = new UsageLog(db);
        key = new ApiKeys(db, Clock.systemUTC()).create("team").key().id();
    }

    private UsageRecord row(String requestId, int second) {
        return new UsageRecord(requestId, key, "/edit", "V_2", "patchmatch", 1, 200, Duration.ofMillis(40),
                AT.plusSeconds(second));
    }

    private long rows() {
        return TableRows.count(db, "usage", "1");
    }

    @Test
    void aRowTheDatabaseRefusesWaitsAndIsWrittenWithTheNextRowInItsOrder() {
        UsageRecorder recorder = new UsageRecorder(usage);
        try (TableOutage outage = TableOutage.refuseInserts(db, "usage")) {
            recorder.record(row("r1", 1));
            recorder.record(row("r2", 2));
            assertThat(rows()).isZero();
            assertThat(recorder.waiting()).isEqualTo(2);
        }
        recorder.record(row("r3", 3));

        assertThat(recorder.waiting()).isZero();
        assertThat(rows()).isEqualTo(3);
        assertThat(usage.forRequest("r1")).containsExactly(row("r1", 1));
        assertThat(usage.forRequest("r2")).containsExactly(row("r2", 2));
        assertThat(TableRows.count(db, "usage", "request_id = 'r1' AND id < (SELECT id FROM usage"
                + " WHERE request_id = 'r2') AND id < (SELECT id FROM usage WHERE request_id = 'r3')"))
                .as("written in the order they came").isOne();
    }

    @Test
    void aFlushWritesWhatWaitedWithoutANewRow() {
        UsageRecorder recorder = new UsageRecorder(usage);
        try (TableOutage outage = TableOutage.refuseInserts(db, "usage")) {
            recorder.record(row("r1", 1));
            recorder.flush();
            assertThat(recorder.waiting()).as("the database still fails").isOne();
        }
        recorder.flush();
        assertThat(usage.forRequest("r1")).containsExactly(row("r1", 1));
        assertThat(recorder.waiting()).isZero();
    }

    @Test
    void beyondTheBacklogRowsAreDroppedAndCounted() {
        UsageRecorder recorder = new UsageRecorder(usage, 3);
        try (TableOutage outage = TableOutage.refuseInserts(db, "usage")) {
            for (int i = 1; i <= 5; i++) {
                recorder.record(row("r" + i, i));
            }
            assertThat(recorder.waiting()).isEqualTo(3);
            assertThat(recorder.dropped()).isEqualTo(2);
        }
        recorder.flush();
        assertThat(rows()).isEqualTo(3);
        assertThat(List.of("r1", "r2", "r3", "r4", "r5")).filteredOn(id -> !usage.forRequest(id).isEmpty())
                .as("the oldest rows are kept").containsExactly("r1", "r2", "r3");
    }

    @Test
    void closingTriesOnceMore() {
        UsageRecorder recorder = new UsageRecorder(usage);
        try (TableOutage outage = TableOutage.refuseInserts(db, "usage")) {
            recorder.record(row("r1", 1));
        }
        recorder.close();
        assertThat(usage.forRequest("r1")).containsExactly(row("r1", 1));
    }
}
