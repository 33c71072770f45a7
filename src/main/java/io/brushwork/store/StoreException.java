package io.brushwork.store;

/** The database or the image directory failed; the server answers 500 and logs the cause. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the database or the file system said, without this exception's context (which may name a request). */
    String reason() {
        return String.valueOf(getCause() != null ? getCause().getMessage() : getMessage());
    }
}
