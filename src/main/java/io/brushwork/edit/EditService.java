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
import java.util.function.Function;

/**
 * One edit's whole journey, the same for every route and for the command line. Authenticate the caller and hold one
 * of its in-flight places from the headers (a key at its limit is a 429 before its upload is read). Take a reading
 * place and read the form, reserving the upload's memory before its bytes are held. Screen the prompt, refuse a
 * model with no backend in rotation, and grow the hold to the edit's {@code num_images}: cheap refusals first. Only
 * then take a place among the workers (a full pool is a 503 at once), run the pipeline on a worker and keep every
 * safe image. Whatever happens, write one usage row before the answer goes out.
 */
public final class EditService {
    private final EditWorkers workers;
    private final MemoryBudget memory;
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
    public EditService(EditWorkers workers, MemoryBudget memory, InflightLimits inflight, int defaultMaxInflight,
                       PromptScreen screen, EditPipeline pipeline, ResultStore store, Consumer<UsageRecord> usage,
                       Clock clock) {
        this.workers = workers;
        this.memory = memory;
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
    public Edited edit(Submission<EditRequest> submission) {
        return visit(submission, new Work<EditRequest, Edited>() {
            @Override
            public String model(EditRequest request) {
                return request.model().name();
            }

            @Override
            public Edited run(InflightLimits.Hold hold, Optional<ApiKey> caller, EditRequest request) {
                return EditService.this.run(hold, caller, request);
            }

            @Override
            public Optional<Edited> edited(Edited result) {
                return Optional.of(result);
            }
        });
    }

    /**
     * A request answered with text rather than images (Magic Prompt, describe): the same admission as an edit (the
     * caller's key, one in-flight place held from the headers, the form read within its memory) and one usage row,
     * but no worker, since the work is a call to a language model rather than pixels; a draining server refuses it
     * as it refuses edits.
     *
     * @param work what to do with the form, on the request's own thread
     */
    public <R, T> T answer(Submission<R> submission, Function<R, T> work) {
        return visit(submission, new Work<R, T>() {
            @Override
            public String model(R request) {
                return null;
            }

            @Override
            public T run(InflightLimits.Hold hold, Optional<ApiKey> caller, R request) {
                return work.apply(request);
            }

            @Override
            public Optional<Edited> edited(T result) {
                return Optional.empty();
            }
        });
    }

    /** What a kind of request does once it is admitted and read, and what its usage row says. */
    private interface Work<R, T> {
        /** The model the row names; null for a request that names none. */
        String model(R request);

        T run(InflightLimits.Hold hold, Optional<ApiKey> caller, R request);

        /** The images it made, for the row; empty for text. */
        Optional<Edited> edited(T result);
    }

    private <R, T> T visit(Submission<R> submission, Work<R, T> work) {
        long start = System.nanoTime();
        EditWorkers.Visit visit;
        try {
            // First of all: a draining server refuses here, and waits for every edit that got past it.
            visit = workers.enter();
        } catch (OverloadedException e) {
            throw failed(e, submission.statusOf(e), submission, Optional.empty(), null, start);
        }
        try (visit) {
            return journey(submission, work, start);
        }
    }

    private <R, T> T journey(Submission<R> submission, Work<R, T> work, long start) {
        Optional<ApiKey> caller = Optional.empty();
        String model = null;
        T result;
        try {
            caller = submission.caller();
            submission.checkBeforeReading();
            try (InflightLimits.Hold hold = holdFromHeaders(caller);
                 UploadMemory upload = new UploadMemory(memory);
                 EditWorkers.Upload reading = workers.startUpload()) {
                R request = submission.read(upload);
                reading.close(); // read: the place is for the next upload
                model = work.model(request);
                result = work.run(hold, caller, request);
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
        usage.accept(row(submission, caller, model, work.edited(result), 200, start));
        return result;
    }

    /**
     * Writes a failed request's usage row and returns its failure to throw. Should the usage consumer throw too,
     * the client still gets the edit's own failure, which carries the consumer's as suppressed for the log.
     */
    private <T extends Throwable> T failed(T failure, int status, Submission<?> submission, Optional<ApiKey> caller,
                                           String model, long start) {
        try {
            usage.accept(row(submission, caller, model, Optional.empty(), status, start));
        } catch (RuntimeException rowFailed) {
            failure.addSuppressed(rowFailed);
        }
        return failure;
    }

    /** The usage row: who asked for which model, which backends served, how many images were kept, the answer. */
    private UsageRecord row(Submission<?> submission, Optional<ApiKey> caller, String model, Optional<Edited> edited,
                            int status, long start) {
        List<String> backends = edited.map(Edited::backends).orElse(List.of());
        return new UsageRecord(submission.requestId(), caller.map(ApiKey::id).orElse(null), submission.path(), model,
                backends.isEmpty() ? null : String.join(",", backends), edited.map(Edited::kept).orElse(0), status,
                Duration.ofNanos(System.nanoTime() - start), clock.instant());
    }

    /** Checks the form, then runs it on a worker. */
    private Edited run(InflightLimits.Hold hold, Optional<ApiKey> caller, EditRequest request) {
        screen.check(request.prompt());
        if (!request.route().status().ready()) {
            // Known before decoding a pixel: every backend of this model failed to load or is cooling down.
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "no backend of " + request.model().name()
                    + " for " + request.operation().key() + " is in rotation");
        }
        growHold(hold, caller, request.numImages());
        try (EditWorkers.Ticket ticket = workers.admit()) {
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
     * One image of the caller's in-flight limit, held from the headers on: a key at its limit is refused before its
     * upload is read, and a key's uploads in progress count against its limit, so one key cannot hold more
     * connections than its limit allows. Without a key there is no account to count against.
     */
    private InflightLimits.Hold holdFromHeaders(Optional<ApiKey> caller) {
        if (caller.isEmpty()) {
            return null;
        }
        int limit = limitOf(caller.get());
        InflightLimits.Hold hold = inflight.tryHold(caller.get().id(), 1, limit);
        if (hold == null) {
            throw new InflightLimitException(limit, workers.retryAfterSeconds());
        }
        return hold;
    }

    /** Ideogram's per-account limit on images in flight, per key here: the whole {@code num_images}, before work. */
    private void growHold(InflightLimits.Hold hold, Optional<ApiKey> caller, int images) {
        if (hold == null) {
            return;
        }
        int limit = limitOf(caller.orElseThrow());
        if (images > limit) {
            // Never admissible: a 429 would only be retried (SDKs do) with the same answer.
            throw new InvalidEditException("num_images is " + images + " but this API key may have at most " + limit
                    + " images in flight at once; send num_images of " + limit + " or fewer");
        }
        if (!hold.tryGrowTo(images, limit)) {
            throw new InflightLimitException(limit, workers.retryAfterSeconds());
        }
    }

    private int limitOf(ApiKey key) {
        return key.maxInflight().orElse(defaultMaxInflight);
    }
}
