package io.brushwork.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-flight limits counted in this process's memory: one compare-and-set per hold, for a server that is the only one
 * on its database (SQLite, and {@code brushwork edit}).
 */
final class LocalInflightLimits implements InflightLimits {
    private final ConcurrentHashMap<Long, AtomicInteger> inflight = new ConcurrentHashMap<>();

    private final class LocalHold implements Hold {
        private final long keyId;
        private int images;
        private boolean released;

        private LocalHold(long keyId, int images) {
            this.keyId = keyId;
            this.images = images;
        }

        @Override
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

    @Override
    public Hold tryHold(long keyId, int images, int limit) {
        AtomicInteger count = inflight.computeIfAbsent(keyId, k -> new AtomicInteger());
        return tryAdd(count, images, limit) ? new LocalHold(keyId, images) : null;
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

    @Override
    public int total() {
        return inflight.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public int inflight(long keyId) {
        AtomicInteger count = inflight.get(keyId);
        return count == null ? 0 : count.get();
    }
}
