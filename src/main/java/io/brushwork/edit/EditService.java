package io.brushwork.edit;

import io.brushwork.auth.ApiKey;
import io.brushwork.auth.InflightLimits;
import io.brushwork.engine.BackendException;
import io.brushwork.store.UsageRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One edit's whole journey, the same for every route and for the command line. Authenticate the caller and take a
 * place in the worker pool, before the upload is read (a full pool is a 503 at once). Read the form. Screen the
 * prompt, refuse a model with no backend in rotation, and hold the images against the caller's in-flight limit:
 * cheap refusals first, before a worker is used. Then, on a worker, run the pipeline and keep every safe image.
 * Whatever happens, write one usage row before the answer goes out.
 */
public final class EditService {
    private final EditWorkers workers;
    private final InflightLimits inflight;
    private final int defaultMaxInflight;
    private final PromptScreen screen;
    private final EditPipeline pipeline;
    private final ResultStore store;
    private final Consumer<UsageRecord> usage;
    private final Clock clock;

    /**
     * @param defaultMaxInflight images a key may have in flight when it sets no limit of its own
     * @param usage              where each request's usage row goes; the server's ({@code store.UsageRecorder})
     *                           keeps a row its database refuses and writes it later, so a client that got its
     *                           images is not told the edit failed because its row could not be written yet
     */
    public EditService(EditWorkers workers, InflightLimits inflight, int defaultMaxInflight, PromptScreen screen,
                       EditPipeline pipeline, ResultStore store, Consumer<UsageRecord> usage, Clock clock) {
        this.workers = workers;
        this.inflight = inflight;
        this.defaultMaxInflight = defaultMaxInflight;
        this.screen = screen;
        this.pipeline = pipeline;
        this.store = store;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Carries out one edit.
     *
     * @throws EditException              when the edit is refused (invalid, unsafe prompt, busy, over the limit)
     * @throws BackendException           when the model's backends could not do it
     * @throws RuntimeException           the edge's own refusals from {@link Submission#caller()},
     *                                    {@link Submission#checkBeforeReading()} and
     *                                    {@link Submission#read()}, unchanged
     */
    public Edited edit(Submission submission) {
        long start = System.nanoTime();
        Optional<ApiKey> caller = Optional.empty();
        String model = null;
        Edited edited;
        try {
            caller = submission.caller();
            submission.checkBeforeReading();
            refuseIfAtLimit(caller);
            try (EditWorkers.Ticket ticket = workers.admit()) {
                EditRequest request = submission.read();
                model = request.model().name();
                edited = run(ticket, caller, request);
            }
        } catch (OutOfMemoryError e) {
            // Out of heap on this thread (a large upload, say): its memory is gone with it, so the server goes on.
            OverloadedException failure = OverloadedException.outOfMemory();
            throw failed(failure, submission.statusOf(failure), submission, caller, model, start);
        } catch (RuntimeException e) {
            throw failed(e, submission.statusOf(e), submission, caller, model, start);
        } catch (Error e) {
            throw failed(e, 500, submission, caller, model, start); // what the server answers an Error with
        }
        usage.accept(row(submission, caller, model, Optional.of(edited), 200, start));
        return edited;
    }

    /**
     * Writes a failed request's usage row and returns its failure to throw. Should the usage consumer throw too,
     * the client still gets the edit's own failure, which carries the consumer's as suppressed for the log.
     */
    private <T extends Throwable> T failed(T failure, int status, Submission submission, Optional<ApiKey> caller,
                                           String model, long start) {
        try {
            usage.accept(row(submission, caller, model, Optional.empty(), status, start));
        } catch (RuntimeException rowFailed) {
            failure.addSuppressed(rowFailed);
        }
        return failure;
    }

    /** The usage row: who asked for which model, which backends served, how many images were kept, the answer. */
    private UsageRecord row(Submission submission, Optional<ApiKey> caller, String model, Optional<Edited> edited,
                            int status, long start) {
        List<String> backends = edited.map(Edited::backends).orElse(List.of());
        return new UsageRecord(submission.requestId(), caller.map(ApiKey::id).orElse(null), submission.path(), model,
                backends.isEmpty() ? null : String.join(",", backends), edited.map(Edited::kept).orElse(0), status,
                Duration.ofNanos(System.nanoTime() - start), clock.instant());
    }

    private Edited run(EditWorkers.Ticket ticket, Optional<ApiKey> caller, EditRequest request) {
        screen.check(request.prompt());
        if (!request.model().route().status().ready()) {
            // Known before decoding a pixel: every backend of this model failed to load or is cooling down.
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "no backend of " + request.model().name()
                    + " is in rotation");
        }
        try (InflightLimits.Hold hold = holdInflight(caller, request.numImages())) {
            return ticket.run(() -> {
                List<Optional<String>> locations = new ArrayList<>();
                long[] storeNanos = {0};
                EditResult result;
                try {
                    result = pipeline.run(request, image -> {
                        long t0 = System.nanoTime();
                        locations.add(image.safe() ? Optional.of(store.keep(image, caller)) : Optional.empty());
                        storeNanos[0] += System.nanoTime() - t0;
                    });
                } catch (RuntimeException | Error e) {
                    // The client gets no links, so no image of this edit may stay behind.
                    locations.forEach(kept -> kept.ifPresent(store::discard));
                    throw e;
                }
                List<Edited.Image> images = new ArrayList<>();
                for (int i = 0; i < locations.size(); i++) {
                    images.add(new Edited.Image(result.images().get(i), locations.get(i)));
                }
                return new Edited(images, result.backends(), new Edited.Timings(result.decode(),
                        result.engineTime(), result.encode(), Duration.ofNanos(storeNanos[0])));
            });
        }
    }

    /**
     * A key that already has as many images in flight as it may is refused from its headers alone: its upload would
     * only take a place in the queue (or a reading thread) to be refused once read.
     */
    private void refuseIfAtLimit(Optional<ApiKey> caller) {
        if (caller.isPresent()) {
            int limit = caller.get().maxInflight().orElse(defaultMaxInflight);
            if (inflight.inflight(caller.get().id()) >= limit) {
                throw new InflightLimitException(limit, workers.retryAfterSeconds());
            }
        }
    }

    /**
     * Ideogram's per-account limit on images in flight, per key here; refused before any work. Without a key
     * there is no account to count against.
     */
    private InflightLimits.Hold holdInflight(Optional<ApiKey> caller, int images) {
        if (caller.isEmpty()) {
            return null;
        }
        int limit = caller.get().maxInflight().orElse(defaultMaxInflight);
        if (images > limit) {
            // Never admissible: a 429 would only be retried (SDKs do) with the same answer.
            throw new InvalidEditException("num_images is " + images + " but this API key may have at most " + limit
                    + " images in flight at once; send num_images of " + limit + " or fewer");
        }
        InflightLimits.Hold hold = inflight.tryHold(caller.get().id(), images, limit);
        if (hold == null) {
            throw new InflightLimitException(limit, workers.retryAfterSeconds());
        }
        return hold;
    }

}
