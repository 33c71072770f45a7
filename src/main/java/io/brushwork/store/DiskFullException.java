package io.brushwork.store;

/**
 * The data directory's disk is below its free-space floor (or ran out while writing), so an image was not kept. It
 * passes as older images expire and are swept, or when the operator makes room: a reason to retry later, not a bug.
 */
public final class DiskFullException extends RuntimeException {
    DiskFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
