package io.brushwork.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Images in flight per key, as Ideogram counts them per account: a request holds its {@code num_images} from when
 * it is accepted until its answer is ready, and a request that would take a key past its limit is refused before
 * any work is done.
 */
public final class InflightLimits {
    private final ConcurrentHashMap<Long, AtomicInteger> inflight = new ConcurrentHashMap<>();

    /** Images held by one request, given back when closed. */
    public final class Hold implements AutoCloseable {
        private final long keyId;
        private final int images;
        private boolean released;

        private Hold(long keyId, int images) {
            this.keyId = keyId;
            this.images = images;
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
        while (true) {
            int now = count.get();
            if (now + images > limit) {
                return null;
            }
            if (count.compareAndSet(now, now + images)) {
                return new Hold(keyId, images);
            }
        }
    }

    public int inflight(long keyId) {
        AtomicInteger count = inflight.get(keyId);
        return count == null ? 0 : count.get();
    }
}
