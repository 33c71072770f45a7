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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage rows outlive a database that fails for a while: on a real database whose usage table refuses inserts,
 * rows wait in memory and are written, in order and as they were, once it takes them again.
 */
class UsageRecorderTest {
    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path data;

    private Database db;
    private UsageLog usage;
    private RefusedRequests refused;
    private long key;

    /** The database under test: SQLite here, PostgreSQL in {@link UsageRecorderPostgresTest}. */
    Database database(Path data) {
        return Database.open(data);
    }

    @BeforeEach
    void open() {
        db = database(data);
        usage = new UsageLog(db);
        refused = new RefusedRequests(db);
        key = new ApiKeys(db, Clock.systemUTC()).create("team").key().id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private UsageRecord row(String requestId, int second) {
        return new UsageRecord(requestId, key, "/edit", "V_2", "patchmatch", 1, 200, Duration.ofMillis(40),
                AT.plusSeconds(second));
    }

    /** A server that requires keys. */
    private UsageRecorder recorder() {
        return new UsageRecorder(usage, refused, true);
    }

    private static UsageRecord keyless(String requestId, String at, int status) {
        return new UsageRecord(requestId, null, "/edit", null, null, 0, status, Duration.ZERO, Instant.parse(at));
    }

    private long rows() {
        return TableRows.count(db, "usage", "TRUE");
    }

    @Test
    void aRowTheDatabaseRefusesWaitsAndIsWrittenWithTheNextRowInItsOrder() {
        UsageRecorder recorder = recorder();
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
        UsageRecorder recorder = recorder();
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
        UsageRecorder recorder = new UsageRecorder(usage, refused, true, 3);
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
        UsageRecorder recorder = recorder();
        try (TableOutage outage = TableOutage.refuseInserts(db, "usage")) {
            recorder.record(row("r1", 1));
        }
        recorder.close();
        assertThat(usage.forRequest("r1")).containsExactly(row("r1", 1));
    }

    /** On a server that requires keys, a request with none was refused before one: a count, not a row. */
    @Test
    void refusedRequestsAreCountedPerMinuteRouteAndStatusNotWrittenARowEach() {
        UsageRecorder recorder = recorder();
        recorder.record(keyless("a", "2026-11-24T12:00:10Z", 401));
        recorder.record(keyless("b", "2026-11-24T12:00:59.999Z", 401));
        recorder.record(keyless("c", "2026-11-24T12:00:30Z", 500));
        recorder.record(keyless("d", "2026-11-24T12:01:00Z", 401));
        assertThat(rows()).isZero();
        recorder.flush();
        recorder.record(keyless("e", "2026-11-24T12:00:40Z", 401));
        recorder.close();

        assertThat(rows()).as("no row per refused request").isZero();
        long noon = AT.toEpochMilli();
        assertThat(TableRows.count(db, "refused_requests", "TRUE")).isEqualTo(3);
        assertThat(TableRows.count(db, "refused_requests", "minute = " + noon + " AND status = 401 AND count = 3"))
                .as("two flushes add up in one row").isOne();
        assertThat(TableRows.count(db, "refused_requests", "minute = " + noon + " AND status = 500 AND count = 1"))
                .isOne();
        assertThat(TableRows.count(db, "refused_requests", "minute = " + (noon + 60_000) + " AND count = 1"))
                .isOne();
        assertThat(refused.perDay()).containsExactly(new RefusedSummary("2026-11-24", "/edit", 401, 4),
                new RefusedSummary("2026-11-24", "/edit", 500, 1));
    }

    /** Without auth no request has a key, and every one is a real edit: one row each. */
    @Test
    void withoutAuthARequestWithNoKeyIsARow() {
        UsageRecorder recorder = new UsageRecorder(usage, refused, false);
        recorder.record(keyless("a", "2026-11-24T12:00:10Z", 200));
        recorder.record(keyless("b", "2026-11-24T12:00:20Z", 401));
        recorder.flush();
        assertThat(rows()).isEqualTo(2);
        assertThat(TableRows.count(db, "refused_requests", "TRUE")).isZero();
    }

    @Test
    void refusedCountsTheDatabaseRefusesAreKeptForTheNextFlush() {
        UsageRecorder recorder = recorder();
        try (TableOutage outage = TableOutage.refuseInserts(db, "refused_requests")) {
            recorder.record(keyless("a", "2026-11-24T12:00:10Z", 401));
            recorder.flush();
            recorder.record(keyless("b", "2026-11-24T12:00:20Z", 401));
        }
        recorder.flush();
        assertThat(refused.perDay()).containsExactly(new RefusedSummary("2026-11-24", "/edit", 401, 2));
    }
}
