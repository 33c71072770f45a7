package io.brushwork.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests racing for a key's last places in flight: never more than the limit, never fewer than it allows. */
class InflightLimitsTest {
    @Test
    void racersForTheLastPlacesGetExactlyThoseMany() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 200; round++) {
                InflightLimits limits = InflightLimits.inMemory();
                InflightLimits.Hold early = limits.tryHold(1, 5, 8); // 3 places left
                CountDownLatch start = new CountDownLatch(1);
                List<Future<InflightLimits.Hold>> racers = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    racers.add(pool.submit(() -> {
                        start.await();
                        return limits.tryHold(1, 1, 8);
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<InflightLimits.Hold> racer : racers) {
                    won += racer.get(10, TimeUnit.SECONDS) != null ? 1 : 0;
                }
                assertThat(won).as("round %d", round).isEqualTo(3);
                assertThat(limits.inflight(1)).isEqualTo(8);
                early.close();
                assertThat(limits.inflight(1)).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
