package io.brushwork.edit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded pool that image work runs on: a fixed number of workers and a fixed-length queue. When both are full a
 * job is refused at once with {@link OverloadedException}, so that a burst costs the clients a retry rather than
 * costing the server its memory.
 */
public final class EditWorkers implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final int workers;
    /** Moving average of job time, to tell refused clients roughly when a slot frees up. */
    private final AtomicLong averageMillis = new AtomicLong(1000);

    public EditWorkers(int workers, int queueLength) {
        this.workers = workers;
        BlockingQueue<Runnable> queue = queueLength == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(queueLength);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r, "edit-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs the job on a worker and waits for it; its exceptions reach the caller unchanged. */
    public <T> T run(Callable<T> job) {
        Future<T> future;
        try {
            future = pool.submit(() -> {
                long start = System.nanoTime();
                try {
                    return job.call();
                } finally {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    averageMillis.updateAndGet(avg -> (avg * 7 + ms) / 8);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new OverloadedException("the server is busy: all " + workers + " workers are editing and the queue"
                    + " is full; retry in a moment", retryAfterSeconds());
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an edit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Jobs waiting for a worker right now. */
    public int queued() {
        return pool.getQueue().size();
    }

    /** Jobs being worked on right now. */
    public int active() {
        return pool.getActiveCount();
    }

    long retryAfterSeconds() {
        long waiting = pool.getQueue().size() + workers;
        long ms = averageMillis.get() * waiting / workers;
        return Math.max(1, (ms + 999) / 1000);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
