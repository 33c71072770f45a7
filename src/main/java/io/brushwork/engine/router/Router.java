package io.brushwork.engine.router;

import io.brushwork.config.RouteStep;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A public model's route: backends in priority tiers, tried in order until one delivers. Within a tier the order
 * is a weighted draw, seeded by the job so a request is reproducible. Each call has a timeout and, per route step,
 * a cap on calls in progress (a full backend is skipped, not queued for). A failure that started nothing
 * ({@link BackendException.Kind#UNAVAILABLE}) is retried on the same backend, honouring Retry-After, up to the
 * step's retries; any other failure moves on to the next backend without repeating the call, because a call that
 * was sent may already have been charged. A request the backend rejects as invalid stops the route: another
 * backend would reject it too.
 */
public final class Router implements InpaintEngine {
    public static final String PRESET = "route";
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    /** Longest wait a Retry-After may impose on a request before moving on. */
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(10);

    /** A step of the route with the engine it names. */
    public record Stop(InpaintEngine engine, RouteStep step) {
    }

    private record Slot(InpaintEngine engine, RouteStep step, BackendHealth health, Semaphore permits) {
    }

    private final String name;
    private final TreeMap<Integer, List<Slot>> tiers = new TreeMap<>();
    private final List<Slot> slots = new ArrayList<>();
    private final ExecutorService calls;

    Router(String name, List<Stop> stops, Map<String, BackendHealth> health, ExecutorService calls) {
        this.name = name;
        this.calls = calls;
        for (Stop stop : stops) {
            Slot slot = new Slot(stop.engine(), stop.step(), health.get(stop.engine().name()),
                    stop.step().maxConcurrent() > 0 ? new Semaphore(stop.step().maxConcurrent()) : null);
            slots.add(slot);
            tiers.computeIfAbsent(stop.step().tier(), t -> new ArrayList<>()).add(slot);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> presets() {
        return Set.of(PRESET);
    }

    @Override
    public boolean needsKnownPixels() {
        return slots.stream().anyMatch(s -> s.engine().needsKnownPixels());
    }

    @Override
    public boolean rewritesPrompts() {
        return slots.stream().allMatch(s -> s.engine().rewritesPrompts());
    }

    /** The most any one backend on the route needs: only one of them runs the job. */
    @Override
    public long workingBytes(Mask mask) {
        return slots.stream().mapToLong(s -> s.engine().workingBytes(mask)).max().orElse(0);
    }

    @Override
    public ArgbImage inpaint(ArgbImage image, Mask mask, String prompt, int seed, String preset) {
        return inpaint(new InpaintJob(image, mask, prompt, prompt, seed, preset,
                io.brushwork.prompt.MagicPromptOption.AUTO, io.brushwork.prompt.StyleType.AUTO)).image();
    }

    /** Each backend on the route, with its health, for {@code /v1/models} and {@code /readyz}. */
    public Map<String, String> backendStates() {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        for (Slot slot : slots) {
            states.put(slot.engine().name(), slot.engine().problem().map(p -> "not available: " + p)
                    .orElseGet(() -> slot.health().state()));
        }
        return states;
    }

    /** Whether some backend on the route is in rotation now. */
    public boolean ready() {
        return slots.stream().anyMatch(s -> s.health().available() && s.engine().problem().isEmpty());
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        SplittableRandom random = new SplittableRandom(job.seed() * 0x9E3779B97F4A7C15L ^ name.hashCode());
        BackendException last = null;
        for (List<Slot> tier : tiers.values()) {
            for (Slot slot : weightedOrder(tier, random)) {
                if (slot.engine().problem().isPresent()) {
                    last = new BackendException(BackendException.Kind.MISCONFIGURED, slot.engine().name()
                            + " is not available: " + slot.engine().problem().get());
                    continue;
                }
                if (!slot.health().available()) {
                    last = new BackendException(BackendException.Kind.UNAVAILABLE, slot.engine().name()
                            + " is cooling down after failures");
                    continue;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // The request itself is being abandoned (shutdown): no backend is to blame, none is tried.
                    throw new BackendException(BackendException.Kind.FAILED, "the edit was interrupted");
                }
                try {
                    return attempt(slot, job).servedBy(slot.engine().name());
                } catch (AtLimit full) {
                    // Busy is not broken: skip it without counting a failure against it.
                    last = new BackendException(BackendException.Kind.UNAVAILABLE, slot.engine().name()
                            + " is at its limit of " + slot.step().maxConcurrent() + " calls");
                } catch (BackendException e) {
                    last = e;
                    if (e.kind() == BackendException.Kind.REJECTED) {
                        throw e;
                    }
                    log.warn("backend {} failed for model route {} ({}: {}); trying the next backend",
                            slot.engine().name(), name, e.kind(), e.getMessage());
                }
            }
        }
        throw last != null ? last : new BackendException(BackendException.Kind.UNAVAILABLE, "no backend for " + name);
    }

    /** One backend: the call, plus retries for failures that started nothing. */
    private Inpainted attempt(Slot slot, InpaintJob job) {
        InpaintJob forStep = new InpaintJob(job.image(), job.mask(), job.prompt(), job.clientPrompt(), job.seed(),
                slot.step().preset(), job.magicPrompt(), job.style());
        for (int attempt = 0; ; attempt++) {
            try {
                Inpainted done = call(slot, forStep);
                slot.health().succeeded();
                return done;
            } catch (BackendException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e; // not the backend's failure
                }
                if (e.kind() != BackendException.Kind.REJECTED) {
                    slot.health().failed(e, slot.step().cooldown());
                }
                Optional<Duration> wait = e.retryAfter();
                if (wait.isPresent() && wait.get().compareTo(MAX_RETRY_WAIT) > 0) {
                    // Longer than a request should wait: honour it by leaving the backend alone that long.
                    slot.health().outFor(e, wait.get());
                    throw e;
                }
                boolean retry = e.kind() == BackendException.Kind.UNAVAILABLE && attempt < slot.step().retries()
                        && slot.health().available();
                if (!retry) {
                    throw e;
                }
                sleep(wait.orElse(Duration.ofMillis(100L << attempt)));
            }
        }
    }

    /**
     * One call on the call pool, within the step's timeout. A concurrency permit is taken here and given back by
     * the call itself when it really ends: a call that outlives its timeout (a local model ignores interrupts)
     * still counts against the backend's limit.
     */
    private Inpainted call(Slot slot, InpaintJob job) {
        if (slot.permits() != null && !slot.permits().tryAcquire()) {
            throw new AtLimit();
        }
        Future<Inpainted> future;
        try {
            future = calls.submit(() -> {
                try {
                    return slot.engine().inpaint(job);
                } finally {
                    if (slot.permits() != null) {
                        slot.permits().release();
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (slot.permits() != null) {
                slot.permits().release();
            }
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "the server is shutting down");
        }
        try {
            return future.get(slot.step().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BackendException(BackendException.Kind.FAILED, slot.engine().name() + " took longer than "
                    + slot.step().timeout(), Optional.empty(), null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.FAILED, "interrupted", Optional.empty(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BackendException backend) {
                throw backend;
            }
            // Anything else (a decoder's or ONNX Runtime's own exception) is this backend failing; the cause is
            // logged by the router, never shown to the client.
            log.warn("backend {} threw {}", slot.engine().name(), cause.toString());
            throw new BackendException(BackendException.Kind.FAILED, slot.engine().name() + " failed",
                    Optional.empty(), null);
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

    static ExecutorService newCallPool() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "backend-call");
            t.setDaemon(true);
            return t;
        });
    }
}
