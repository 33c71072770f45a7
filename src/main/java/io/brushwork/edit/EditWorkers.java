package io.brushwork.edit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded pool that image work runs on, and the places for reading uploads before it. Reading and computing
 * take separate places: a request takes a reading place with {@link #startUpload()} while its body arrives, and a
 * place among the workers and the queue with {@link #admit()} only once the form is read. Clients that send their
 * bodies slowly can then take only reading places, never the workers' (as nginx reads a body before it hands the
 * request on). Both are bounded, so a burst costs the clients a retry (503) rather than costing the server its
 * memory.
 */
public final class EditWorkers implements AutoCloseable {
    private final ExecutorService pool;
    private final int workers;
    private final int capacity;
    private final int uploads;
    private final Semaphore places;
    private final Semaphore reading;
    private final AtomicInteger running = new AtomicInteger();
    /** Set when the server stops: no new edit is let in, the ones inside finish. */
    private volatile boolean draining;
    /** Edits from their first step to their last, the usage row included: what a draining server waits for. */
    private final AtomicInteger inside = new AtomicInteger();
    /** Moving average of job time, to tell refused clients roughly when a place frees up. */
    private final AtomicLong averageMillis = new AtomicLong(1000);

    /** @param uploads uploads read at once, apart from the workers and the queue */
    public EditWorkers(int workers, int queueLength, int uploads) {
        this.workers = workers;
        this.capacity = workers + queueLength;
        this.uploads = uploads;
        this.places = new Semaphore(capacity);
        this.reading = new Semaphore(uploads);
        AtomicInteger n = new AtomicInteger();
        // The queue is unbounded here because admission, not the queue, bounds it.
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "edit-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** An edit inside the service, from its first step to its last; given back exactly once. */
    public final class Visit implements AutoCloseable {
        private boolean left;

        private Visit() {
        }

        @Override
        public void close() {
            if (!left) {
                left = true;
                inside.decrementAndGet();
            }
        }
    }

    /**
     * Lets an edit in, or refuses it once the server drains. Counted before the check, so that {@link #drain} either
     * sees this edit inside or this edit sees the drain: none slips in as the server stops.
     */
    public Visit enter() {
        inside.incrementAndGet();
        if (draining) {
            inside.decrementAndGet();
            throw new OverloadedException("the server is shutting down; send the edit again (to another replica,"
                    + " if there is one)", 1);
        }
        return new Visit();
    }

    /** A place for reading one upload, given back as soon as the form is read (or the reading fails). */
    public final class Upload implements AutoCloseable {
        private boolean released;

        private Upload() {
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                reading.release();
            }
        }
    }

    /** A place in the pool, held from when the form is read until the edit is done. */
    public final class Ticket implements AutoCloseable {
        private boolean released;

        private Ticket() {
        }

        /** Runs the job on a worker and waits for it; its exceptions reach the caller unchanged. */
        public <T> T run(Callable<T> job) {
            Future<T> future = pool.submit(() -> {
                running.incrementAndGet();
                long start = System.nanoTime();
                try {
                    return job.call();
                } finally {
                    running.decrementAndGet();
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    averageMillis.updateAndGet(avg -> (avg * 7 + ms) / 8);
                }
            });
            try {
                return future.get();
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an edit", e);
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            }
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                places.release();
            }
        }
    }

    /** Takes a reading place, or refuses at once with {@link OverloadedException} when every one is taken. */
    public Upload startUpload() {
        if (!reading.tryAcquire()) {
            throw new OverloadedException("the server is busy: it is already reading " + uploads + " uploads; retry"
                    + " in a moment", retryAfterSeconds());
        }
        return new Upload();
    }

    /** Takes a place, or refuses at once with {@link OverloadedException} when every place is taken. */
    public Ticket admit() {
        if (!places.tryAcquire()) {
            throw new OverloadedException("the server is busy: all " + workers + " workers are editing and the queue"
                    + " is full; retry in a moment", retryAfterSeconds());
        }
        return new Ticket();
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof OutOfMemoryError) {
            return OverloadedException.outOfMemory();
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }

    /** Admitted requests that are not running yet: waiting for a worker. */
    public int waiting() {
        return Math.max(0, admitted() - running.get());
    }

    /** Requests holding a place: waiting or running. */
    public int admitted() {
        return capacity - places.availablePermits();
    }

    /**
     * Lets no new edit in, and waits up to {@code grace} for the ones inside (reading, waiting, running, or writing
     * their usage row) to finish.
     *
     * @return whether they all finished in time
     */
    public boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inside.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Uploads being read now. */
    public int uploading() {
        return uploads - reading.availablePermits();
    }

    long retryAfterSeconds() {
        long ms = averageMillis.get() * (admitted() + 1) / workers;
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
