package io.brushwork.edit;

/** Every worker is busy and the queue is full (HTTP 503); the client should retry after the given delay. */
public final class OverloadedException extends RuntimeException {
    private final long retryAfterSeconds;

    public OverloadedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The edit ran out of heap; its memory is gone with it, so the server goes on and the client may retry. */
    public static OverloadedException outOfMemory() {
        return new OverloadedException("the server ran out of memory for this edit; retry later or send a smaller"
                + " image", 5);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
