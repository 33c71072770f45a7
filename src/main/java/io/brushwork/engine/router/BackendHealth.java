package io.brushwork.engine.router;

import io.brushwork.engine.BackendException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A backend's circuit breaker, shared by every route that uses it: after {@value #FAILURES_TO_OPEN} failures in a
 * row (or one misconfiguration) it is taken out of rotation for its cooldown, then let through again on trial.
 */
final class BackendHealth {
    static final int FAILURES_TO_OPEN = 3;

    private final String name;
    private final Clock clock;
    private int failuresInARow;
    private Instant openUntil = Instant.MIN;
    private String lastError = "";

    BackendHealth(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    synchronized boolean available() {
        return !clock.instant().isBefore(openUntil);
    }

    synchronized void succeeded() {
        failuresInARow = 0;
        openUntil = Instant.MIN;
    }

    /** @return whether this failure took the backend out of rotation */
    synchronized boolean failed(BackendException e, Duration cooldown) {
        boolean wasIn = available();
        failuresInARow++;
        lastError = e.getMessage();
        if (failuresInARow >= FAILURES_TO_OPEN || e.kind() == BackendException.Kind.MISCONFIGURED) {
            openUntil = clock.instant().plus(cooldown);
        }
        return wasIn && !available();
    }

    /**
     * Takes the backend out at once for at least {@code duration}: it asked for that long (Retry-After).
     *
     * @return whether this took the backend out of rotation
     */
    synchronized boolean outFor(BackendException e, Duration duration) {
        boolean wasIn = available();
        lastError = e.getMessage();
        Instant until = clock.instant().plus(duration);
        if (until.isAfter(openUntil)) {
            openUntil = until;
        }
        return wasIn && !available();
    }

    /** "ok", or why the backend is out and until when. */
    synchronized String state() {
        if (available()) {
            return failuresInARow == 0 ? "ok" : "ok (" + failuresInARow + " recent failures: " + lastError + ")";
        }
        return "cooling down until " + openUntil + " after: " + lastError;
    }

    synchronized Optional<String> lastError() {
        return lastError.isEmpty() ? Optional.empty() : Optional.of(lastError);
    }
}
