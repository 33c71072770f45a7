package io.brushwork.edit;

/** Every worker is busy and the queue is full, or memory is short; the client should retry after the delay. */
public final class OverloadedException extends EditException {
    private final long retryAfterSeconds;

    OverloadedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The edit ran out of heap; its memory is gone with it, so the server goes on and the client may retry. */
    static OverloadedException outOfMemory() {
        return new OverloadedException("the server ran out of memory for this edit; retry later or send a smaller"
                + " image", 5);
    }

    @Override
    public Kind kind() {
        return Kind.OVERLOADED;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
