package io.brushwork.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Images in flight per key, as Ideogram counts them per account: a request holds its {@code num_images} from when
 * it is accepted until its answer is ready, and a request that would take a key past its limit is refused before
 * any work is done. A request holds one image from its headers on, while its upload is read, and grows its hold to
 * {@code num_images} once the form says how many: a key's uploads count against its limit too, so one key cannot
 * hold more connections open than its limit.
 */
public final class InflightLimits {
    private final ConcurrentHashMap<Long, AtomicInteger> inflight = new ConcurrentHashMap<>();

    /** Images held by one request, given back when closed. */
    public final class Hold implements AutoCloseable {
        private final long keyId;
        private int images;
        private boolean released;

        private Hold(long keyId, int images) {
            this.keyId = keyId;
            this.images = images;
        }

        /**
         * Grows this hold to {@code total} images if that keeps the key within {@code limit}; false, with the hold
         * unchanged, if it would not.
         */
        public boolean tryGrowTo(int total, int limit) {
            if (total <= images) {
                return true;
            }
            if (!tryAdd(inflight.get(keyId), total - images, limit)) {
                return false;
            }
            images = total;
            return true;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                inflight.get(keyId).addAndGet(-images);
            }
        }
    }

    /** Takes {@code images} for the key if that keeps it within {@code limit}; null if it would not. */
    public Hold tryHold(long keyId, int images, int limit) {
        AtomicInteger count = inflight.computeIfAbsent(keyId, k -> new AtomicInteger());
        return tryAdd(count, images, limit) ? new Hold(keyId, images) : null;
    }

    private static boolean tryAdd(AtomicInteger count, int images, int limit) {
        while (true) {
            int now = count.get();
            if (now + images > limit) {
                return false;
            }
            if (count.compareAndSet(now, now + images)) {
                return true;
            }
        }
    }

    /** Images held by all keys together. */
    public int total() {
        return inflight.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int inflight(long keyId) {
        AtomicInteger count = inflight.get(keyId);
        return count == null ? 0 : count.get();
    }
}
