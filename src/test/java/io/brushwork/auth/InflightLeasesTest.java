package io.brushwork.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.config.DatabaseUrl;
import io.brushwork.store.Database;
import io.brushwork.testing.MutableClock;
import io.brushwork.testing.TableRows;
import io.brushwork.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-flight leases on a real PostgreSQL, as two replicas see them: each replica here is its own database pool, its
 * own leases and its own clock, on one shared database.
 */
class InflightLeasesTest {
    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clockA = new MutableClock(START);
    private final MutableClock clockB = new MutableClock(START);
    private Database dbA;
    private Database dbB;
    private InflightLeases a;
    private InflightLeases b;
    private long key;

    @BeforeEach
    void open() {
        DatabaseUrl url = new DatabaseUrl(Optional.of(TestPostgres.newDatabaseUrl()));
        dbA = Database.open(dir.resolve("a"), url);
        dbB = Database.open(dir.resolve("b"), url);
        a = InflightLeases.start(dbA, clockA);
        b = InflightLeases.start(dbB, clockB);
        key = new ApiKeys(dbA, clockA).create("shared").key().id();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        dbA.close();
        dbB.close();
    }

    @Test
    void aKeysLimitHoldsAcrossReplicas() {
        InflightLimits.Hold onA = a.tryHold(key, 2, 2);
        assertThat(onA).isNotNull();
        assertThat(b.tryHold(key, 1, 2)).as("A holds both places").isNull();
        assertThat(b.inflight(key)).isEqualTo(2);
        assertThat(b.total()).as("B's own holds, for its metrics").isZero();

        onA.close();
        assertThat(b.tryHold(key, 2, 2)).as("given back").isNotNull();
        assertThat(a.inflight(key)).isEqualTo(2);
    }

    @Test
    void growingCountsTheOtherReplicasHolds() {
        InflightLimits.Hold onA = a.tryHold(key, 1, 3);
        InflightLimits.Hold onB = b.tryHold(key, 1, 3);
        assertThat(onA.tryGrowTo(2, 3)).isTrue();
        assertThat(onB.tryGrowTo(2, 3)).as("2 on A and 2 on B would be 4 of 3").isFalse();
        assertThat(a.inflight(key)).isEqualTo(3);
        onA.close();
        assertThat(onB.tryGrowTo(3, 3)).isTrue();
        assertThat(b.total()).isEqualTo(3);
    }

    @Test
    void aReplicaThatStopsRenewingGivesItsPlacesBackWhenItsLeasesExpire() {
        InflightLimits.Hold onA = a.tryHold(key, 2, 2);
        assertThat(onA).isNotNull();

        // A is alive and renews: however long its edit runs, its places stay taken.
        clockA.advance(InflightLeases.TTL.minusSeconds(10));
        a.renew();
        clockB.advance(InflightLeases.TTL.plusSeconds(1));
        assertThat(b.tryHold(key, 1, 2)).as("renewed by A").isNull();

        // A dies: it renews no more, and once its lease is past its expiry B takes the places.
        clockB.advance(InflightLeases.TTL);
        assertThat(b.inflight(key)).isZero();
        assertThat(b.tryHold(key, 2, 2)).as("A's lease expired").isNotNull();
        b.renew();
        assertThat(countLeases()).as("renewal deleted the expired lease").isOne();
    }

    private long countLeases() {
        return TableRows.count(dbB, "inflight_leases", "TRUE");
    }

    @Test
    void racersOnTwoReplicasForTheLastPlacesGetExactlyThoseMany() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 20; round++) {
                InflightLimits.Hold early = a.tryHold(key, 5, 8); // 3 places left
                CountDownLatch start = new CountDownLatch(1);
                List<Future<InflightLimits.Hold>> racers = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    InflightLimits replica = i % 2 == 0 ? a : b;
                    racers.add(pool.submit(() -> {
                        start.await();
                        return replica.tryHold(key, 1, 8);
                    }));
                }
                start.countDown();
                List<InflightLimits.Hold> won = new ArrayList<>();
                for (Future<InflightLimits.Hold> racer : racers) {
                    InflightLimits.Hold hold = racer.get(30, TimeUnit.SECONDS);
                    if (hold != null) {
                        won.add(hold);
                    }
                }
                assertThat(won).as("round %d", round).hasSize(3);
                won.forEach(InflightLimits.Hold::close);
                early.close();
                assertThat(a.inflight(key)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void sql(String statement) throws Exception {
        try (var c = dbB.connect(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    /** A lease whose delete failed is no longer this replica's to renew: it expires, and the key's place comes back. */
    @Test
    void aLeaseWhoseDeleteFailedExpiresInsteadOfBeingRenewedForever() throws Exception {
        InflightLimits.Hold onA = a.tryHold(key, 1, 1);
        assertThat(onA).isNotNull();
        sql("ALTER TABLE inflight_leases RENAME TO inflight_leases_away"); // the DELETE fails for a moment
        onA.close();
        sql("ALTER TABLE inflight_leases_away RENAME TO inflight_leases");
        assertThat(b.tryHold(key, 1, 1)).as("the row is still there, unexpired").isNull();
        for (int i = 0; i < 3; i++) { // A renews as its renewer does, while the clocks move on
            clockA.advance(Duration.ofSeconds(30));
            clockB.advance(Duration.ofSeconds(30));
            a.renew();
        }
        assertThat(b.tryHold(key, 1, 1)).as("expired 60 s after its last renewal").isNotNull();
    }
}
