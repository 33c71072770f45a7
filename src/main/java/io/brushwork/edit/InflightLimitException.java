package io.brushwork.edit;

/**
 * Ideogram's per-account limit: the key already has as many images in flight as it may. Earlier edits will finish,
 * so the client may retry after {@link #retryAfterSeconds()}; a request that could never fit is an
 * {@link InvalidEditException} instead, since retrying it would never help.
 */
public final class InflightLimitException extends EditException {
    private final int limit;
    private final long retryAfterSeconds;

    InflightLimitException(int limit, long retryAfterSeconds) {
        super("too many images in flight for this API key: at most " + limit
                + " at once; wait for earlier edits to finish");
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Kind kind() {
        return Kind.INFLIGHT_LIMIT;
    }

    /** The most images the key may have in flight at once. */
    public int limit() {
        return limit;
    }

    /** About when the key's earlier edits will have finished. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
