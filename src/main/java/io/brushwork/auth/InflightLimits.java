package io.brushwork.auth;

import io.brushwork.store.Database;
import java.time.Clock;

/**
 * Images in flight per key, as Ideogram counts them per account: a request holds its {@code num_images} from when
 * it is accepted until its answer is ready, and a request that would take a key past its limit is refused before
 * any work is done. A request holds one image from its headers on, while its upload is read, and grows its hold to
 * {@code num_images} once the form says how many: a key's uploads count against its limit too, so one key cannot
 * hold more connections open than its limit.
 *
 * <p>One server on its own counts in memory ({@link #inMemory()}); replicas that share a PostgreSQL count leases in
 * it ({@link #leased}), so that a key's limit holds across all of them together.
 */
public interface InflightLimits extends AutoCloseable {

    /** Counted in this process's memory. */
    static InflightLimits inMemory() {
        return new LocalInflightLimits();
    }

    /** Counted as lease rows in a PostgreSQL that every replica shares; see {@link InflightLeases}. */
    static InflightLimits leased(Database db, Clock clock) {
        return InflightLeases.start(db, clock);
    }

    /** Images held by one request, given back when closed. */
    interface Hold extends AutoCloseable {
        /**
         * Grows this hold to {@code total} images if that keeps the key within {@code limit}; false, with the hold
         * unchanged, if it would not.
         */
        boolean tryGrowTo(int total, int limit);

        @Override
        void close();
    }

    /** Takes {@code images} for the key if that keeps it within {@code limit}; null if it would not. */
    Hold tryHold(long keyId, int images, int limit);

    /** Images this process holds, all keys together (for its metrics). */
    int total();

    /** Images held for the key: by this process, or with leases by every replica. */
    int inflight(long keyId);

    /** Stops any background work; holds still open are given back by their own {@code close}. */
    @Override
    default void close() {
    }
}
