package io.brushwork.edit;

/** Ideogram's per-account limit: the key already has as many images in flight as it may. */
public final class InflightLimitException extends EditException {
    private final int limit;

    InflightLimitException(int limit) {
        super("too many images in flight for this API key: at most " + limit
                + " at once; wait for earlier edits to finish");
        this.limit = limit;
    }

    @Override
    public Kind kind() {
        return Kind.INFLIGHT_LIMIT;
    }

    /** The most images the key may have in flight at once. */
    public int limit() {
        return limit;
    }
}
