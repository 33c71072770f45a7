package io.brushwork.bench;

import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.InflightLimits;
import io.brushwork.config.DatabaseUrl;
import io.brushwork.store.Database;
import io.brushwork.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an in-flight hold costs a request: the in-memory counter one server uses on SQLite, against leases in an
 * embedded PostgreSQL on loopback (replicas). Per request: take one image from the headers, grow to num_images once
 * the form is read, give the hold back. Median of several runs of many requests, one thread.
 */
public final class LeaseBenchmark {
    private static final int REQUESTS = 2_000;
    private static final int RUNS = 7;

    private LeaseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("lease-bench");
        try (Database db = Database.open(data, new DatabaseUrl(Optional.of(TestPostgres.newDatabaseUrl())));
             InflightLimits memory = InflightLimits.inMemory();
             InflightLimits leases = InflightLimits.leased(db, Clock.systemUTC())) {
            long key = new ApiKeys(db, Clock.systemUTC()).create("bench").key().id();
            System.out.printf("%-34s %14s %14s%n", "per request (median of " + RUNS + " x " + REQUESTS + ")",
                    "hold+release", "hold+grow+release");
            for (var limits : new Object[][] {{"in memory (SQLite, one server)", memory},
                    {"PostgreSQL leases (replicas)", leases}}) {
                InflightLimits l = (InflightLimits) limits[1];
                System.out.printf("%-34s %11.1f µs %11.1f µs%n", limits[0], median(l, key, false),
                        median(l, key, true));
            }
            // For scale: the cheapest round trip the same pool can make.
            double[] ping = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                for (int r = 0; r < REQUESTS; r++) {
                    db.isReachable();
                }
                ping[i] = (System.nanoTime() - start) / 1_000.0 / REQUESTS;
            }
            Arrays.sort(ping);
            System.out.printf("%-34s %11.1f µs%n", "one SELECT 1 on the same pool", ping[RUNS / 2]);
        }
        System.exit(0); // the embedded PostgreSQL's shutdown hook stops it
    }

    private static double median(InflightLimits limits, long key, boolean grow) {
        run(limits, key, grow); // warm-up: JIT, pool, PostgreSQL's plan cache
        double[] micros = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            micros[i] = run(limits, key, grow);
        }
        Arrays.sort(micros);
        return micros[RUNS / 2];
    }

    /** Microseconds per request. */
    private static double run(InflightLimits limits, long key, boolean grow) {
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            try (InflightLimits.Hold hold = limits.tryHold(key, 1, 10)) {
                if (grow && !hold.tryGrowTo(4, 10)) {
                    throw new IllegalStateException("over the limit with one request at a time");
                }
            }
        }
        return (System.nanoTime() - start) / 1_000.0 / REQUESTS;
    }
}
