package io.brushwork.api;

import io.brushwork.edit.InvalidEditException;
import io.brushwork.edit.OverloadedException;
import io.javalin.http.HttpResponseException;
import java.util.Map;

/**
 * How any exception becomes an HTTP answer: one mapping, used both by the error handler and by the usage log so
 * the two always agree on the status. Unexpected exceptions become a 500 that names the request id, never the
 * exception.
 */
record Failure(int status, String message, Map<String, String> headers) {

    static Failure of(Throwable e, String requestId) {
        if (e instanceof ApiException api) {
            return new Failure(api.status(), api.getMessage(), Map.of());
        }
        if (e instanceof InvalidEditException) {
            return new Failure(400, e.getMessage(), Map.of());
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
}
