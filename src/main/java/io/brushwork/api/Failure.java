package io.brushwork.api;

import io.brushwork.edit.EditException;
import io.brushwork.edit.InflightLimitException;
import io.brushwork.edit.OverloadedException;
import io.brushwork.engine.BackendException;
import io.brushwork.store.DiskFullException;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How any exception becomes an HTTP answer: one mapping, used both by the error handler and by the usage log so
 * the two always agree on the status. Edit and backend failures are closed families, mapped by exhaustive switches
 * over their kinds; unexpected exceptions become a 500 that names the request id, never the exception.
 */
record Failure(int status, String message, Map<String, String> headers, Map<String, Object> extra) {

    Failure(int status, String message) {
        this(status, message, Map.of(), Map.of());
    }

    static Failure of(Throwable e, String requestId) {
        if (e instanceof EditException edit) {
            return edit(edit);
        }
        if (e instanceof BackendException backend) {
            return backend(backend);
        }
        if (e instanceof DiskFullException) {
            // How full, and where, is for the operator's log and /readyz.
            return new Failure(503, "the server has no disk space left for images right now; retry later",
                    Map.of("Retry-After", "60"), Map.of());
        }
        if (e instanceof ApiException api) {
            return new Failure(api.status(), api.getMessage(), Map.of(), api.extra());
        }
        if (e instanceof HttpResponseException http) {
            return new Failure(http.getStatus(), http.getMessage(), allow(http), Map.of());
        }
        return new Failure(500, "internal server error; quote request id " + requestId + " when reporting it");
    }

    private static Failure edit(EditException e) {
        return switch (e.kind()) {
            case INVALID -> new Failure(400, e.getMessage());
            case UNSAFE_PROMPT -> new Failure(422, e.getMessage());
            case OVERLOADED -> new Failure(503, e.getMessage(), Map.of("Retry-After",
                    String.valueOf(((OverloadedException) e).retryAfterSeconds())), Map.of());
            case INFLIGHT_LIMIT -> new Failure(429, e.getMessage(), Map.of("Retry-After",
                    String.valueOf(((InflightLimitException) e).retryAfterSeconds())), Map.of("reject_reason",
                    "inflight_limit", "max_inflight_requests", ((InflightLimitException) e).limit()));
            // No Retry-After: retrying cannot help until the operator configures what the message names.
            case NOT_CONFIGURED -> new Failure(503, e.getMessage());
        };
    }

    /**
     * A backend's failure as the client should see it: a provider's own safety refusal is Ideogram's 422, an
     * invalid request a 400 with the provider's reason, a backend that cannot be reached or is out of rotation a
     * 503 to retry, and one that failed mid-call a 502.
     */
    private static Failure backend(BackendException e) {
        return switch (e.kind()) {
            // The provider's own words, as Ideogram's clients expect them (Ideogram's 422 says prompt or image).
            case UNSAFE_PROMPT -> new Failure(422, e.getMessage());
            case REJECTED -> new Failure(400, "the model's backend rejected the request: " + e.getMessage());
            // Which backend and why is for the operator (logs, /readyz), not the client.
            case UNAVAILABLE, BUSY, MISCONFIGURED -> new Failure(503, "no backend for this model is available right now;"
                    + " retry later", Map.of("Retry-After",
                    String.valueOf(e.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(5L))), Map.of());
            case FAILED -> new Failure(502, "the model's backend failed to produce the image; retry, or try another"
                    + " model");
        };
    }

    /**
     * Why, in a word, for the access log: a failure's kind, never its message, which may quote what the client sent
     * (a key pasted into the wrong field, say).
     */
    static String reason(Throwable e) {
        if (e instanceof EditException edit) {
            return edit.kind().name().toLowerCase(Locale.ROOT);
        }
        if (e instanceof BackendException backend) {
            return "backend_" + backend.kind().name().toLowerCase(Locale.ROOT);
        }
        if (e instanceof DiskFullException) {
            return "disk_full";
        }
        if (e instanceof ApiException api) {
            return switch (api.status()) {
                case 400 -> "bad_form";
                case 401 -> "unauthorized";
                case 403 -> "bad_signature";
                case 404 -> "not_found";
                case 408 -> "too_slow";
                case 410 -> "expired";
                case 413 -> "too_large";
                case 415 -> "not_multipart";
                default -> "http_" + api.status();
            };
        }
        if (e instanceof HttpResponseException http) {
            return http.getStatus() == 404 ? "no_route" : http.getStatus() == 405 ? "wrong_method"
                    : "http_" + http.getStatus();
        }
        return "bug";
    }

    /** A 405 says which methods the route has (RFC 9110 §15.5.6); Javalin names them in the exception's details. */
    private static Map<String, String> allow(HttpResponseException e) {
        if (e.getStatus() != 405) {
            return Map.of();
        }
        return e.getDetails().entrySet().stream()
                .filter(d -> d.getKey().equalsIgnoreCase("availableMethods")
                        || d.getKey().equalsIgnoreCase("Available methods"))
                .findFirst()
                .map(d -> Map.of("Allow", d.getValue().replaceAll("\\s*,\\s*", ", ")))
                .orElse(Map.of());
    }

    /** Ideogram's flat shape: {@code error} first, then any extra fields. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(new TreeMap<>(extra));
        return body;
    }
}
