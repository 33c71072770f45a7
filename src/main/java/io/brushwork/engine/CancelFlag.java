package io.brushwork.engine;

import java.util.ArrayList;
import java.util.List;

/** The side of a {@link Cancellation} that cancels: whoever gives up on a job (a route) holds one. */
public final class CancelFlag implements Cancellation {
    private volatile boolean cancelled;
    /** Guarded by this. */
    private final List<Runnable> actions = new ArrayList<>();

    /** Sets the flag and runs the registered actions; later calls do nothing. */
    public void cancel() {
        // The actions run under the lock, so that a registration closed afterwards (which takes the lock) knows its
        // action has finished: ONNX Runtime's run options must not be touched once they are closed.
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            for (Runnable action : actions) {
                action.run();
            }
            actions.clear();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public synchronized Registration onCancel(Runnable stop) {
        if (cancelled) {
            stop.run();
            return () -> { };
        }
        actions.add(stop);
        return () -> {
            synchronized (CancelFlag.this) {
                actions.remove(stop);
            }
        };
    }
}
