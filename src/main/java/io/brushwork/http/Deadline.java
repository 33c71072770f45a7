package io.brushwork.http;

import java.time.Duration;

/**
 * When a job's outbound calls must be done by. A job may take several calls (Ideogram's edit and then the download
 * of its result, IOPaint's model switch and then the inpaint); one timeout bounds all of them together, so a caller
 * can rely on it.
 */
public record Deadline(long endNanos, Duration total) {

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /**
     * Checks a configured timeout, which deadlines will be made from.
     *
     * @param what names the setting in the message, as in {@code "the Ideogram timeout"}
     * @return the timeout
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration requirePositive(String what, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + timeout);
        }
        return timeout;
    }

    /** What is left, at least one millisecond so that a late call still fails by timing out, not by argument. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(endNanos - System.nanoTime(), 1_000_000));
    }
}
