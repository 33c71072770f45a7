package io.brushwork.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * A backend (a model file, a remote provider) could not do the job. The kind tells a route what it may do next:
 * only {@link Kind#UNAVAILABLE} is safe to retry, because nothing was charged or started; the message is for the
 * client and must never carry upstream secrets.
 */
public final class BackendException extends RuntimeException {

    public enum Kind {
        /** Not reached, or refused before doing anything (connection refused, 429): retry or fall back. */
        UNAVAILABLE,
        /**
         * The provider received the call and answered that it cannot take it now (408, 502, 503). It may have started
         * (and charged for) it, so the route falls back, and tries the same backend again only where it says so.
         */
        BUSY,
        /** The backend rejected this request as invalid (a 4xx other than 401/403/429): another backend won't help. */
        REJECTED,
        /**
         * The provider's own safety check refused the prompt (Ideogram's 422): the client gets Ideogram's answer,
         * and another backend is not asked.
         */
        UNSAFE_PROMPT,
        /** Failed after the request was sent (timeout, 5xx, garbage): may have been charged, so no retry. */
        FAILED,
        /** The backend is misconfigured (bad key, model failed to load): take it out, tell the operator. */
        MISCONFIGURED
    }

    private final Kind kind;
    private final Optional<Duration> retryAfter;

    public BackendException(Kind kind, String message) {
        this(kind, message, Optional.empty(), null);
    }

    public BackendException(Kind kind, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** What the backend asked for in {@code Retry-After}, if anything. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
