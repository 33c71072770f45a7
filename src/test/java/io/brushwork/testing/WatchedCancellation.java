package io.brushwork.testing;

import io.brushwork.engine.CancelFlag;
import io.brushwork.engine.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cancellation that counts an engine's looks at it, so that a test measures how much work ran after a cancel by
 * counting, not by timing. It reads as cancelled from a given look on (or once {@link #cancel()} is called), and
 * tells when an engine registers an action to stop native work.
 */
public final class WatchedCancellation implements Cancellation {
    private final CancelFlag flag = new CancelFlag();
    private final long cancelAtLook;
    /** Every look. */
    public final AtomicLong looks = new AtomicLong();
    /** Looks that found the job cancelled: each is a place where some work stopped. */
    public final AtomicLong cancelledLooks = new AtomicLong();
    /** Counted down when the engine registers a stop action. */
    public final CountDownLatch registered = new CountDownLatch(1);

    private WatchedCancellation(long cancelAtLook) {
        this.cancelAtLook = cancelAtLook;
    }

    /** Never cancelled unless {@link #cancel()} is called. */
    public static WatchedCancellation never() {
        return new WatchedCancellation(Long.MAX_VALUE);
    }

    /** Cancelled from the {@code look}-th look on (counting from 1). */
    public static WatchedCancellation atLook(long look) {
        return new WatchedCancellation(look);
    }

    public void cancel() {
        flag.cancel();
    }

    @Override
    public boolean isCancelled() {
        if (looks.incrementAndGet() >= cancelAtLook) {
            flag.cancel();
        }
        boolean cancelled = flag.isCancelled();
        if (cancelled) {
            cancelledLooks.incrementAndGet();
        }
        return cancelled;
    }

    @Override
    public Registration onCancel(Runnable stop) {
        registered.countDown();
        return flag.onCancel(stop);
    }
}
