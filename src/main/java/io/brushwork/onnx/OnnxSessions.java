package io.brushwork.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/**
 * Opens ONNX Runtime sessions on the CPU. A session may run on several threads at once; each run uses at most the
 * given number of threads for its operators and runs the operators one after another, so that concurrent edits
 * share the cores instead of each asking for all of them, and one thread per run gives the same bytes every time.
 */
public final class OnnxSessions {
    private OnnxSessions() {
    }

    /** ONNX Runtime's process-wide environment, which every session and tensor belongs to: shared, never closed. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * Loads a model.
     *
     * @param threads at most this many threads per run
     * @param arena   whether ONNX Runtime's CPU arena may keep memory between runs: right for inputs of one size;
     *                inputs of every size would each grow it, and it keeps its peak for the life of the process
     * @throws OrtException when ONNX Runtime cannot load the file; its message says why
     */
    public static OrtSession open(Path model, int threads, boolean arena) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            if (!arena) {
                options.setCPUArenaAllocator(false);
            }
            return environment().createSession(model.toString(), options);
        }
    }

    /**
     * Closes a session that is no longer needed.
     *
     * @param what the session's owner, for the message, e.g. "ONNX model 'lama'"
     * @throws IllegalStateException when ONNX Runtime cannot close it
     */
    public static void close(OrtSession session, String what) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets a run's terminate flag, which ONNX Runtime checks between the graph's nodes: for a cancellation, so
     * that the run stops there instead of running the whole model on for a caller that has gone.
     */
    public static void terminate(OrtSession.RunOptions options) {
        try {
            options.setTerminate(true);
        } catch (OrtException e) {
            // Not expected for a live options object; the run then ends at its own pace, still holding its place.
        }
    }

    /** Closes a session that is being given up because of {@code cause}; a failure to close is added to it. */
    public static void closeAfter(OrtSession session, Exception cause) {
        try {
            session.close();
        } catch (OrtException e) {
            cause.addSuppressed(e);
        }
    }
}
