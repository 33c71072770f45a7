package io.brushwork.api;

import io.brushwork.edit.InvalidEditException;
import io.brushwork.edit.OverloadedException;
import io.brushwork.edit.UnsafePromptException;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How any exception becomes an HTTP answer: one mapping, used both by the error handler and by the usage log so
 * the two always agree on the status. Unexpected exceptions become a 500 that names the request id, never the
 * exception.
 */
record Failure(int status, String message, Map<String, String> headers, Map<String, Object> extra) {

    Failure(int status, String message, Map<String, String> headers) {
        this(status, message, headers, Map.of());
    }

    static Failure of(Throwable e, String requestId) {
        if (e instanceof ApiException api) {
            return new Failure(api.status(), api.getMessage(), Map.of(), api.extra());
        }
        if (e instanceof InvalidEditException) {
            return new Failure(400, e.getMessage(), Map.of());
        }
        if (e instanceof UnsafePromptException) {
            return new Failure(422, e.getMessage(), Map.of());
        }
        if (e instanceof OverloadedException busy) {
            return new Failure(503, e.getMessage(), Map.of("Retry-After", String.valueOf(busy.retryAfterSeconds())));
        }
        if (e instanceof HttpResponseException http) {
            return new Failure(http.getStatus(), http.getMessage(), Map.of());
        }
        return new Failure(500, "internal server error; quote request id " + requestId + " when reporting it",
                Map.of());
    }

    /** Ideogram's flat shape: {@code error} first, then any extra fields. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(new TreeMap<>(extra));
        return body;
    }
}
