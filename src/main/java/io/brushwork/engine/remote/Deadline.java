package io.brushwork.engine.remote;

import java.time.Duration;

/**
 * When one job's calls to a provider must be done by. A job may take several calls (Ideogram's edit and then the
 * download of its result, IOPaint's model switch and then the inpaint); the backend's timeout bounds all of them
 * together, so a router can rely on it.
 */
record Deadline(long endNanos, Duration total) {

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** What is left, at least one millisecond so that a late call still fails by timing out, not by argument. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(endNanos - System.nanoTime(), 1_000_000));
    }
}
