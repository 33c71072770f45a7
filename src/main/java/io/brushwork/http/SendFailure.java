package io.brushwork.http;

import java.util.Objects;

/** An outbound call that brought no answer; the message says what happened, in words fit for a log. */
public final class SendFailure extends Exception {
    /** What happened, as far as it matters to a caller deciding what to do next. */
    public enum Reason {
        /** No connection was made (refused, unreachable, connect timeout): the request never reached the server. */
        NOT_CONNECTED,
        /** The request went out but no complete answer came within the deadline. */
        TIMED_OUT,
        /** The answer was larger than the caller's limit; the connection was dropped. */
        TOO_LARGE,
        /** The exchange failed after connecting (reset, closed early, a protocol error), or the client failed. */
        BROKEN,
        /** The waiting thread was interrupted; its interrupt status is set again. */
        INTERRUPTED
    }

    private final Reason reason;

    SendFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
