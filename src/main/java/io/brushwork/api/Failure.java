package io.brushwork.api;

import io.brushwork.edit.InvalidEditException;
import io.brushwork.engine.BackendException;
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
        if (e instanceof BackendException backend) {
            return backend(backend);
        }
        if (e instanceof HttpResponseException http) {
            return new Failure(http.getStatus(), http.getMessage(), Map.of());
        }
        return new Failure(500, "internal server error; quote request id " + requestId + " when reporting it",
                Map.of());
    }

    /**
     * A backend's failure as the client should see it: a provider's own safety refusal is Ideogram's 422, an
     * invalid request a 400 with the provider's reason, a backend that cannot be reached or is out of rotation a
     * 503 to retry, and one that failed mid-call a 502.
     */
    private static Failure backend(BackendException e) {
        return switch (e.kind()) {
            case REJECTED -> UnsafePromptException.MESSAGE.equals(e.getMessage())
                    ? new Failure(422, e.getMessage(), Map.of())
                    : new Failure(400, "the model's backend rejected the request: " + e.getMessage(), Map.of());
            // Which backend and why is for the operator (logs, /readyz), not the client.
            case UNAVAILABLE, MISCONFIGURED -> new Failure(503, "no backend for this model is available right now;"
                    + " retry later", Map.of("Retry-After",
                    String.valueOf(e.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(5L))));
            case FAILED -> new Failure(502, "the model's backend failed to produce the image; retry, or try another"
                    + " model", Map.of());
        };
    }

    /** Ideogram's flat shape: {@code error} first, then any extra fields. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(new TreeMap<>(extra));
        return body;
    }
}
