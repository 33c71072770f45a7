package io.brushwork.engine.router;

import io.brushwork.config.RouteStep;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.EngineStatus;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintEngine.Capability;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Job;
import io.brushwork.engine.Inpainted;
import io.brushwork.image.Mask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A public model's route: its backends in priority tiers, tried in order until one delivers. Within a tier the order
 * is a weighted draw, seeded by the job so a request is reproducible. Each call has a timeout and, per route step,
 * a cap on calls in progress (a full backend is skipped, not queued for). A failure that started nothing
 * ({@link BackendException.Kind#UNAVAILABLE}) is retried on the same backend, honouring Retry-After, up to the
 * step's retries; any other failure moves on to the next backend without repeating the call, because a call that
 * was sent may already have been charged ({@link BackendException.Kind#BUSY} is retried too only where the step
 * says {@code retry-busy}). A request the backend rejects as invalid stops the route: another
 * backend would reject it too (so would a provider's safety refusal).
 *
 * <p>A call past its timeout is cancelled (its engine stops at its next look, see
 * {@link io.brushwork.engine.Cancellation}) and given a grace, as long as the timeout but at most
 * {@link #MAX_GRACE}, to stop before the route moves on; one still running after that is reported to the caller,
 * who keeps what it uses until it ends. A call holds its step's permit and its pool thread until it really ends,
 * and the pool has as many threads as the steps' caps add up to, so calls left running are bounded by the caps:
 * a slow backend cannot turn each new request into one more run in the background.
 *
 * <p>A model that is one {@link Capability#ALWAYS_AVAILABLE} backend with the default policy is called directly:
 * a built-in engine cannot be unreachable or rate limited, so timeouts and retries would only add a thread hop.
 */
public final class Route {
    /** The preset a job carries into a route: each backend gets its own preset from the route instead. */
    public static final String PRESET = "route";
    private static final Logger log = LoggerFactory.getLogger(Route.class);
    /** Longest wait a Retry-After may impose on a request before moving on. */
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(10);
    /**
     * Longest wait for a cancelled call to stop. The built-in engines look between steps that take well under a
     * second (a PatchMatch pass, an ONNX node) and a provider's exchange is dropped at once, so a call still
     * running after this is one that does not look; waiting longer would only hold the request.
     */
    static final Duration MAX_GRACE = Duration.ofSeconds(5);

    /** A step of the route with the backend it names. */
    record Stop(InpaintEngine engine, RouteStep step) {
    }

    /**
     * Whether the route can take jobs now, and each backend's state for {@code /v1/models} and {@code /readyz}.
     *
     * @param ready    some backend is in rotation
     * @param backends each backend's name and "ok", or why it is out
     */
    public record Status(boolean ready, Map<String, String> backends) {
        public Status {
            backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
        }
    }

    /** A step with its breaker and its permits, {@code cap} calls at once (a direct route has neither). */
    private record Slot(InpaintEngine engine, RouteStep step, BackendHealth health, int cap, Semaphore permits) {
    }

    private final String model;
    private final RouteMeters meters;
    private final TreeMap<Integer, List<Slot>> tiers = new TreeMap<>();
    private final List<Slot> slots = new ArrayList<>();
    /** Null for a direct route: its one backend runs on the caller's thread. */
    private final ThreadPoolExecutor calls;

    private Route(String model, List<Slot> slots, ThreadPoolExecutor calls, RouteMeters meters) {
        this.model = model;
        this.meters = meters;
        this.calls = calls;
        for (Slot slot : slots) {
            this.slots.add(slot);
            tiers.computeIfAbsent(slot.step().tier(), t -> new ArrayList<>()).add(slot);
        }
    }

    /** A route whose one backend is called on the caller's thread, with no timeout, retry or breaker. */
    static Route direct(String model, InpaintEngine engine, RouteStep step, RouteMeters meters) {
        return new Route(model, List.of(new Slot(engine, step, null, 0, null)), null, meters);
    }

    /**
     * A route whose calls run on a pool of its own with each step's policy and the shared circuit breakers.
     *
     * @param defaultCap the cap of a step whose {@code max-concurrent} is 0 (not written)
     */
    static Route routed(String model, List<Stop> stops, Map<String, BackendHealth> health, int defaultCap,
                        RouteMeters meters) {
        List<Slot> slots = new ArrayList<>();
        int threads = 0;
        for (Stop stop : stops) {
            int cap = stop.step().maxConcurrent() > 0 ? stop.step().maxConcurrent() : defaultCap;
            slots.add(new Slot(stop.engine(), stop.step(), health.get(stop.engine().name()), cap,
                    new Semaphore(cap)));
            threads += cap;
        }
        return new Route(model, slots, newCallPool(model, threads), meters);
    }

    /** The backends on the route, in the order they were written. */
    public List<String> backends() {
        return slots.stream().map(s -> s.engine().name()).toList();
    }

    /**
     * What the route as a whole can do: it fills from surroundings when any backend does (a whole-image mask
     * would fail there); it rewrites prompts itself, or gives the same bytes for the same seed, only when every
     * backend does, since any of them may serve.
     */
    public Set<Capability> capabilities() {
        Set<Capability> all = EnumSet.noneOf(Capability.class);
        if (slots.stream().anyMatch(s -> s.engine().capabilities().contains(Capability.FILLS_FROM_SURROUNDINGS))) {
            all.add(Capability.FILLS_FROM_SURROUNDINGS);
        }
        for (Capability everyOne : List.of(Capability.REWRITES_PROMPTS, Capability.DETERMINISTIC)) {
            if (slots.stream().allMatch(s -> s.engine().capabilities().contains(everyOne))) {
                all.add(everyOne);
            }
        }
        return all;
    }

    /** The most any one backend on the route needs: only one of them runs the job. */
    public long workingBytes(Mask mask) {
        return slots.stream().mapToLong(s -> s.engine().workingBytes(mask)).max().orElse(0);
    }

    /** The most any one backend on the route needs for this job. */
    public long workingBytes(Job job) {
        return slots.stream().mapToLong(s -> s.engine().workingBytes(job)).max().orElse(0);
    }

    public Status status() {
        Map<String, String> states = new LinkedHashMap<>();
        boolean ready = false;
        for (Slot slot : slots) {
            EngineStatus engine = slot.engine().status();
            // A direct route has no breaker: its backend is as ready as the engine says.
            boolean breakerClosed = slot.health() == null || slot.health().available();
            ready |= engine.ready() && breakerClosed;
            states.put(slot.engine().name(), !engine.ready() || slot.health() == null ? engine.describe()
                    : slot.health().state());
        }
        return new Status(ready, states);
    }

    /**
     * Runs the job on the first backend that delivers, each with its own preset from the route; a call that is
     * still running when the route moves on is not reported (see {@link #inpaint(InpaintJob, Consumer)}).
     *
     * @return the result, naming the backend that made it
     */
    public Inpainted inpaint(InpaintJob job) {
        return inpaint(job, end -> { });
    }

    /**
     * Runs the job on the first backend that delivers, each with its own preset from the route.
     *
     * @param outliving gets the end of each call the route gave up on that did not stop within its grace: the
     *                  call still uses the job's image and its own working memory, so the caller keeps them
     *                  reserved until that end completes
     * @return the result, naming the backend that made it
     */
    public Inpainted inpaint(InpaintJob job, Consumer<CompletionStage<Void>> outliving) {
        return run(job, outliving);
    }

    /**
     * Makes the job's image on the first backend that delivers, each with its own preset from the route: the same
     * policy for every {@link io.brushwork.engine.Operation}.
     *
     * @param outliving as for {@link #inpaint(InpaintJob, Consumer)}
     * @return the result, naming the backend that made it
     */
    public Inpainted run(Job job, Consumer<CompletionStage<Void>> outliving) {
        if (calls == null) {
            Slot only = slots.get(0);
            long start = System.nanoTime();
            try {
                Inpainted done = only.engine().run(job.withPreset(only.step().preset()));
                meters.call(only.engine().name(), "ok", System.nanoTime() - start);
                return done.servedBy(only.engine().name());
            } catch (BackendException e) {
                meters.call(only.engine().name(), e.kind().name(), System.nanoTime() - start);
                throw e;
            }
        }
        boolean first = true;
        SplittableRandom random = new SplittableRandom(job.seed() * 0x9E3779B97F4A7C15L ^ model.hashCode());
        BackendException last = null;
        for (List<Slot> tier : tiers.values()) {
            for (Slot slot : weightedOrder(tier, random)) {
                Optional<String> problem = slot.engine().status().problem();
                if (problem.isPresent()) {
                    last = new BackendException(BackendException.Kind.MISCONFIGURED, slot.engine().name()
                            + " is not available: " + problem.get());
                    meters.skipped(slot.engine().name(), "misconfigured");
                    first = false;
                    continue;
                }
                if (!slot.health().available()) {
                    last = new BackendException(BackendException.Kind.UNAVAILABLE, slot.engine().name()
                            + " is cooling down after failures");
                    meters.skipped(slot.engine().name(), "cooling_down");
                    first = false;
                    continue;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // The request itself is being abandoned (shutdown): no backend is to blame, none is tried.
                    throw new BackendException(BackendException.Kind.FAILED, "the edit was interrupted");
                }
                try {
                    Inpainted done = attempt(slot, job, outliving).servedBy(slot.engine().name());
                    if (!first) {
                        meters.fellBack(model, slot.engine().name());
                    }
                    return done;
                } catch (AtLimit full) {
                    // Busy is not broken: skip it without counting a failure against it.
                    last = new BackendException(BackendException.Kind.UNAVAILABLE, slot.engine().name()
                            + " is at its limit of " + slot.cap() + " calls");
                    meters.skipped(slot.engine().name(), "at_limit");
                    first = false;
                } catch (BackendException e) {
                    first = false;
                    last = e;
                    if (e.kind() == BackendException.Kind.REJECTED || e.kind() == BackendException.Kind.UNSAFE_PROMPT) {
                        throw e;
                    }
                    log.warn("backend {} failed for model route {} ({}: {}); trying the next backend",
                            slot.engine().name(), model, e.kind(), e.getMessage());
                }
            }
        }
        throw last != null ? last : new BackendException(BackendException.Kind.UNAVAILABLE, "no backend for " + model);
    }

    /** One backend: the call, plus retries for failures that started nothing. */
    private Inpainted attempt(Slot slot, Job job, Consumer<CompletionStage<Void>> outliving) {
        Job forStep = job.withPreset(slot.step().preset());
        for (int attempt = 0; ; attempt++) {
            long start = System.nanoTime();
            try {
                Inpainted done = call(slot, forStep, outliving);
                meters.call(slot.engine().name(), "ok", System.nanoTime() - start);
                slot.health().succeeded();
                return done;
            } catch (BackendException e) {
                meters.call(slot.engine().name(), e.kind().name(), System.nanoTime() - start);
                if (Thread.currentThread().isInterrupted()) {
                    throw e; // not the backend's failure
                }
                if (e.kind() != BackendException.Kind.REJECTED && e.kind() != BackendException.Kind.UNSAFE_PROMPT
                        && slot.health().failed(e, slot.step().cooldown())) {
                    meters.cooledDown(slot.engine().name());
                }
                Optional<Duration> wait = e.retryAfter();
                if (wait.isPresent() && wait.get().compareTo(MAX_RETRY_WAIT) > 0) {
                    // Longer than a request should wait: honour it by leaving the backend alone that long.
                    if (slot.health().outFor(e, wait.get())) {
                        meters.cooledDown(slot.engine().name());
                    }
                    throw e;
                }
                boolean startedNothing = e.kind() == BackendException.Kind.UNAVAILABLE
                        || e.kind() == BackendException.Kind.BUSY && slot.step().retryBusy();
                boolean retry = startedNothing && attempt < slot.step().retries() && slot.health().available();
                if (!retry) {
                    throw e;
                }
                sleep(wait.orElse(Duration.ofMillis(100L << attempt)));
            }
        }
    }

    /**
     * One call on the route's pool, within the step's timeout. The step's permit is taken here and given back by
     * the call itself when it really ends, so a call that outlives its timeout still counts against the step's
     * cap; a full step, or a full pool, is skipped as busy.
     */
    private Inpainted call(Slot slot, Job job, Consumer<CompletionStage<Void>> outliving) {
        if (!slot.permits().tryAcquire()) {
            throw new AtLimit();
        }
        Call call = new Call(slot.engine(), job, slot.permits());
        try {
            calls.execute(call);
        } catch (RejectedExecutionException e) {
            slot.permits().release();
            if (calls.isShutdown()) {
                throw new BackendException(BackendException.Kind.UNAVAILABLE, "the server is shutting down");
            }
            throw new AtLimit();
        }
        try {
            return call.result().get(slot.step().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            giveUp(slot, call, grace(slot.step().timeout()), outliving);
            throw new BackendException(BackendException.Kind.FAILED, slot.engine().name() + " took longer than "
                    + slot.step().timeout(), Optional.empty(), null);
        } catch (InterruptedException e) {
            // The request itself is being abandoned (shutdown): stop the call, but do not wait for it.
            giveUp(slot, call, Duration.ZERO, outliving);
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.FAILED, "interrupted", Optional.empty(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BackendException backend) {
                throw backend;
            }
            // Anything else (a decoder's or ONNX Runtime's own exception) is this backend failing; the cause is
            // logged by the route, never shown to the client.
            log.warn("backend {} threw {}", slot.engine().name(), cause.toString());
            throw new BackendException(BackendException.Kind.FAILED, slot.engine().name() + " failed",
                    Optional.empty(), null);
        }
    }

    /** As long again as the timeout, at most {@link #MAX_GRACE}: a short timeout is not stretched by seconds. */
    static Duration grace(Duration timeout) {
        return timeout.compareTo(MAX_GRACE) < 0 ? timeout : MAX_GRACE;
    }

    /**
     * Cancels a call and waits up to {@code grace} for it to stop, so that the route normally moves on with nothing
     * of this call left running (and the next backend does not run beside it). One that is still running after
     * the grace is handed to {@code outliving}; it keeps its permit and pool thread until it ends.
     */
    private void giveUp(Slot slot, Call call, Duration grace, Consumer<CompletionStage<Void>> outliving) {
        call.cancel();
        if (!grace.isZero()) {
            try {
                call.ended().get(grace.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still running (ended never fails)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!call.ended().isDone()) {
            log.warn("backend {} of model route {} is still running {} after it was cancelled; what it uses stays"
                    + " reserved until it ends", slot.engine().name(), model, grace);
            outliving.accept(call.ended());
        }
    }

    /** The backend is at its concurrency limit: skip it, it has not failed. */
    private static final class AtLimit extends RuntimeException {
        AtLimit() {
            super(null, null, false, false);
        }
    }

    private static List<Slot> weightedOrder(List<Slot> tier, SplittableRandom random) {
        List<Slot> left = new ArrayList<>(tier);
        List<Slot> order = new ArrayList<>();
        while (!left.isEmpty()) {
            int total = left.stream().mapToInt(s -> s.step().weight()).sum();
            int pick = random.nextInt(total);
            for (int i = 0; i < left.size(); i++) {
                pick -= left.get(i).step().weight();
                if (pick < 0) {
                    order.add(left.remove(i));
                    break;
                }
            }
        }
        return order;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.FAILED, "interrupted", Optional.empty(), e);
        }
    }

    /**
     * The route's pool: as many threads as its steps' caps add up to, which the permits never exceed; threads
     * idle for a minute go. The short queue only bridges the moment between a call giving its permit back and its
     * thread taking the next call, so a call is never refused while its step has a permit.
     */
    private static ThreadPoolExecutor newCallPool(String model, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(threads), r -> {
                    Thread t = new Thread(r, "backend-call-" + model + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Stops the route's pool, interrupting calls still running; a direct route has none. */
    void close() {
        if (calls != null) {
            calls.shutdownNow();
        }
    }
}
