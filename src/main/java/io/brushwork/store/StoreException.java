package io.brushwork.store;

/** The database or the image directory failed; the server answers 500 and logs the cause. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
