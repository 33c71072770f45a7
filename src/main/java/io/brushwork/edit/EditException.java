package io.brushwork.edit;

/**
 * Why an edit was refused before or while it ran, as a closed family: each kind is one answer at the edge (the HTTP
 * status and body live in {@code api}), and {@link #kind()} lets the edge map them with an exhaustive switch. A
 * backend's own failure is a {@link io.brushwork.engine.BackendException}, which has kinds of its own.
 */
public abstract sealed class EditException extends RuntimeException
        permits InvalidEditException, UnsafePromptException, OverloadedException, InflightLimitException,
        NotConfiguredException {

    /** One per subclass. */
    public enum Kind {
        /** The request cannot be carried out as sent; the message names the field and what would work. */
        INVALID,
        /** The prompt failed the safety check. */
        UNSAFE_PROMPT,
        /** No place, worker or memory is free now; retry later. */
        OVERLOADED,
        /** The caller's key has as many images in flight as it may. */
        INFLIGHT_LIMIT,
        /** The server is not set up for what was asked; the message says what to configure. */
        NOT_CONFIGURED
    }

    EditException(String message) {
        super(message);
    }

    public abstract Kind kind();
}
