package io.brushwork.edit;

/** Every worker is busy and the queue is full (HTTP 503); the client should retry after the given delay. */
public final class OverloadedException extends RuntimeException {
    private final long retryAfterSeconds;

    public OverloadedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
