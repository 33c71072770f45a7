package io.brushwork.api;

import java.util.Map;

/**
 * An HTTP error with a message for the client, raised at the edge (auth, multipart, links, limits). Some of
 * Ideogram's errors carry fields beside {@code error}, such as the in-flight limit's {@code reject_reason}.
 */
class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> extra;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, Object> extra) {
        super(message);
        this.status = status;
        this.extra = Map.copyOf(extra);
    }

    int status() {
        return status;
    }

    /** Fields written after {@code error} in the body. */
    Map<String, Object> extra() {
        return extra;
    }
}
