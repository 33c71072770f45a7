package io.brushwork.engine.router;

import io.brushwork.engine.CancelFlag;
import io.brushwork.engine.Cancellation;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.Job;
import io.brushwork.engine.Inpainted;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * One call of a route step, run on the route's pool. It carries a cancellation of its own, holds the step's permit
 * from before it is submitted until it really ends (not merely until the route stops waiting for it), and says
 * when it has ended, so that whoever keeps something the call still uses (the edit's memory) can keep it until
 * then.
 */
final class Call implements Runnable {
    private final InpaintEngine engine;
    private final Job job;
    private final Semaphore permit;
    private final CancelFlag cancellation = new CancelFlag();
    private final CompletableFuture<Inpainted> result = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** The pool thread running the engine, while it does; guarded by this. */
    private Thread runner;

    /** @param permit taken by the caller; the call gives it back when it ends */
    Call(InpaintEngine engine, Job job, Semaphore permit) {
        this.engine = engine;
        this.job = job.withCancellation(cancellation);
        this.permit = permit;
    }

    @Override
    public void run() {
        synchronized (this) {
            if (cancellation.isCancelled()) {
                // Given up on before a thread took it: nothing ran, nothing is left to stop.
                result.completeExceptionally(Cancellation.cancelled(engine.name()));
                end();
                return;
            }
            runner = Thread.currentThread();
        }
        Inpainted done = null;
        Throwable failure = null;
        try {
            done = engine.run(job);
        } catch (Throwable t) {
            failure = t;
        } finally {
            synchronized (this) {
                runner = null;
                // An interrupt meant for this call must not reach the next call on the same pool thread.
                Thread.interrupted();
            }
        }
        // Ended before answered: the caller's next call (the next image of the same edit) must find this one's
        // permit back, or a step with one place left would look full to it.
        end();
        if (failure == null) {
            result.complete(done);
        } else {
            result.completeExceptionally(failure);
        }
    }

    private void end() {
        permit.release();
        ended.complete(null);
    }

    /** The engine's answer or failure. */
    CompletableFuture<Inpainted> result() {
        return result;
    }

    /** Completes when the call has really ended: the engine returned or threw, or the call never started. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /**
     * Gives up on the call: sets its cancellation, which the engines look at, and interrupts its thread, which
     * abandons a provider's HTTP exchange waiting for an answer.
     */
    void cancel() {
        cancellation.cancel();
        synchronized (this) {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }
}
