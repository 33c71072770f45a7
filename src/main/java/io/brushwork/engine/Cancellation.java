package io.brushwork.engine;

/**
 * Whether the caller has given up on a job: a route stops waiting for a call that outlived its timeout and
 * cancels it, so that the call stops instead of running on in the background. An engine looks at it between
 * steps of its work (a pyramid level, an EM round, a stretch of the march, a crop) and stops there with
 * {@link #cancelled}; work that cannot look while it runs (a native model's run) registers, with
 * {@link #onCancel}, an action that stops it.
 *
 * <p>A flag rather than thread interrupts: ONNX Runtime and the engines' pixel loops never see an interrupt, and
 * PatchMatch's regions run on other threads than the caller's. Looking never changes a result, only whether there
 * is one, so the same job still gives the same bytes.
 */
public interface Cancellation {
    /** Never cancelled: a job nobody will give up on (an engine called directly, a test). */
    Cancellation NONE = new Cancellation() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Registration onCancel(Runnable stop) {
            return () -> { };
        }
    };

    boolean isCancelled();

    /**
     * Runs {@code stop} once when the job is cancelled, or at once if it already is. It must be quick and must not
     * throw. Once the registration is closed, {@code stop} is not running and will not run, so what it touches
     * may be freed.
     */
    Registration onCancel(Runnable stop);

    /** Stops the work here if the job was cancelled. */
    default void check(String backend) {
        if (isCancelled()) {
            throw cancelled(backend);
        }
    }

    /**
     * What a cancelled engine throws: a failure after the call was sent, which is what the timeout behind it is to
     * the route (it has given up on the call already and answers with its own message).
     */
    static BackendException cancelled(String backend) {
        return new BackendException(BackendException.Kind.FAILED, backend + " stopped: its call was cancelled");
    }

    /** An action registered with {@link #onCancel}; closing it unregisters the action. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
