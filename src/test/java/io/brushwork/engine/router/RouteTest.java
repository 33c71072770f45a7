package io.brushwork.engine.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.config.ModelRoute;
import io.brushwork.config.RouteStep;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import io.brushwork.testing.MutableClock;
import io.brushwork.testing.StubbornEngine;
import io.brushwork.testing.TestEngine;
import io.brushwork.testing.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A route's failure handling against scripted backends. The backends are test doubles on purpose: they stand
 * for remote providers failing in each documented way, which the provider tests cover against real protocols.
 */
class RouteTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final Routes routes = new Routes(clock, 2);

    @AfterEach
    void close() {
        routes.close();
    }

    /** A backend that plays a script of outcomes, one per call, then succeeds. */
    static class Scripted extends TestEngine {
        final Deque<Object> script = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        Scripted(String name, Object... outcomes) {
            super(name, 0);
            script.addAll(List.of(outcomes));
        }

        @Override
        public Inpainted inpaint(InpaintJob job) {
            calls.incrementAndGet();
            Object next;
            synchronized (script) {
                next = script.poll();
            }
            if (next instanceof BackendException e) {
                throw e;
            }
            if (next instanceof Duration sleep) {
                try {
                    Thread.sleep(sleep.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (next instanceof CountDownLatch latch) {
                try {
                    latch.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Inpainted.of(job.image().copy());
        }
    }

    private static BackendException fail(Kind kind) {
        return new BackendException(kind, kind.name().toLowerCase() + " failure");
    }

    private static RouteStep step(String backend, int tier, int weight, Duration timeout, int max, int retries) {
        return new RouteStep(backend, "default", tier, weight, timeout, max, retries, Duration.ofSeconds(30), false);
    }

    private Route route(InpaintEngine[] engines, RouteStep... steps) {
        BackendRegistry registry = new BackendRegistry();
        for (InpaintEngine e : engines) {
            registry.register(e);
        }
        return routes.resolve("M", new ModelRoute(List.of(steps)), registry);
    }

    private static InpaintJob job(int seed) {
        ArgbImage image = TestImages.photo(16, 16);
        Mask mask = Mask.fromImage(TestImages.mask(16, 16, 4, 4, 4, 4));
        return new InpaintJob(image, mask, "p", "p", seed, Route.PRESET, MagicPromptOption.AUTO, StyleType.AUTO);
    }

    @Test
    void fallsBackFromADeadTierToTheNextAndSaysWhoServed() {
        Scripted dead = new Scripted("dead", fail(Kind.UNAVAILABLE), fail(Kind.UNAVAILABLE), fail(Kind.UNAVAILABLE));
        Scripted live = new Scripted("live");
        Route route = route(new InpaintEngine[] {dead, live},
                step("dead", 1, 1, Duration.ofSeconds(5), 0, 2), step("live", 2, 1, Duration.ofSeconds(5), 0, 0));
        Inpainted done = route.inpaint(job(1));
        assertThat(done.backend()).hasValue("live");
        assertThat(dead.calls).hasValue(3); // the call and its two retries: nothing was started, so retrying is safe
        assertThat(live.calls).hasValue(1);
    }

    @Test
    void retriesHonourRetryAfterAndThenSucceedOnTheSameBackend() {
        BackendException busy = new BackendException(Kind.UNAVAILABLE, "busy", Optional.of(Duration.ofMillis(150)),
                null);
        Scripted flaky = new Scripted("flaky", busy);
        Route route = route(new InpaintEngine[] {flaky}, step("flaky", 1, 1, Duration.ofSeconds(5), 0, 1));
        long start = System.nanoTime();
        assertThat(route.inpaint(job(1)).backend()).hasValue("flaky");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(flaky.calls).hasValue(2);
    }

    /** 408, 502 and 503 were received: falling back is fine, but the same backend is asked again only on opt-in. */
    @Test
    void aBusyBackendIsRetriedOnlyWhereTheRouteSaysSo() {
        Scripted busy = new Scripted("busy", fail(Kind.BUSY), fail(Kind.BUSY));
        Scripted live = new Scripted("live");
        Route route = route(new InpaintEngine[] {busy, live},
                step("busy", 1, 1, Duration.ofSeconds(5), 0, 2), step("live", 2, 1, Duration.ofSeconds(5), 0, 0));
        assertThat(route.inpaint(job(1)).backend()).hasValue("live");
        assertThat(busy.calls).as("no second call to a backend that may have started the first").hasValue(1);

        Scripted tolerant = new Scripted("tolerant", fail(Kind.BUSY), fail(Kind.BUSY));
        Route optedIn = route(new InpaintEngine[] {tolerant}, new RouteStep("tolerant", "default", 1, 1,
                Duration.ofSeconds(5), 0, 2, Duration.ofSeconds(30), true));
        assertThat(optedIn.inpaint(job(1)).backend()).hasValue("tolerant");
        assertThat(tolerant.calls).as("two busy answers, then the third call succeeds").hasValue(3);
    }

    @Test
    void aCallThatWasSentIsNeverRepeated() {
        Scripted failed = new Scripted("failed", fail(Kind.FAILED));
        Scripted slow = new Scripted("slow", Duration.ofSeconds(2));
        Scripted live = new Scripted("live");
        Route route = route(new InpaintEngine[] {failed, slow, live},
                step("failed", 1, 1, Duration.ofSeconds(5), 0, 3), step("slow", 2, 1, Duration.ofMillis(200), 0, 3),
                step("live", 3, 1, Duration.ofSeconds(5), 0, 0));
        assertThat(route.inpaint(job(1)).backend()).hasValue("live");
        assertThat(failed.calls).as("5xx after sending: no retry").hasValue(1);
        assertThat(slow.calls).as("timeout after sending: no retry").hasValue(1);
    }

    @Test
    void anInvalidRequestStopsTheRoute() {
        Scripted picky = new Scripted("picky", fail(Kind.REJECTED));
        Scripted live = new Scripted("live");
        Route route = route(new InpaintEngine[] {picky, live},
                step("picky", 1, 1, Duration.ofSeconds(5), 0, 2), step("live", 2, 1, Duration.ofSeconds(5), 0, 0));
        assertThatThrownBy(() -> route.inpaint(job(1))).isInstanceOf(BackendException.class)
                .satisfies(e -> assertThat(((BackendException) e).kind()).isEqualTo(Kind.REJECTED));
        assertThat(live.calls).hasValue(0);
    }

    @Test
    void aFailingBackendCoolsDownAndComesBack() {
        Scripted sick = new Scripted("sick", fail(Kind.FAILED), fail(Kind.FAILED), fail(Kind.FAILED));
        Scripted live = new Scripted("live");
        Route route = route(new InpaintEngine[] {sick, live},
                step("sick", 1, 1, Duration.ofSeconds(5), 0, 0), step("live", 2, 1, Duration.ofSeconds(5), 0, 0));
        for (int i = 0; i < 3; i++) {
            route.inpaint(job(i));
        }
        assertThat(sick.calls).hasValue(3);
        assertThat(route.status().ready()).isTrue();
        assertThat(route.status().backends().get("sick")).startsWith("cooling down");
        route.inpaint(job(9));
        assertThat(sick.calls).as("out of rotation during its cooldown").hasValue(3);

        clock.advance(Duration.ofSeconds(31));
        assertThat(route.inpaint(job(10)).backend()).hasValue("sick");
        assertThat(route.status().backends().get("sick")).isEqualTo("ok");
    }

    @Test
    void aBackendAtItsConcurrencyLimitIsSkippedNotWaitedFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Scripted single = new Scripted("single", release);
        Scripted overflow = new Scripted("overflow");
        Route route = route(new InpaintEngine[] {single, overflow},
                step("single", 1, 1, Duration.ofSeconds(10), 1, 0),
                step("overflow", 2, 1, Duration.ofSeconds(10), 0, 0));
        Thread first = new Thread(() -> route.inpaint(job(1)));
        first.start();
        while (single.calls.get() == 0) {
            Thread.sleep(5);
        }
        assertThat(route.inpaint(job(2)).backend()).hasValue("overflow");
        release.countDown();
        first.join();
    }

    @Test
    void aLongRetryAfterIsHonouredByLeavingTheBackendAlone() {
        BackendException later = new BackendException(Kind.UNAVAILABLE, "come back in a minute",
                Optional.of(Duration.ofSeconds(60)), null);
        Scripted limited = new Scripted("limited", later);
        Scripted live = new Scripted("live");
        Route route = route(new InpaintEngine[] {limited, live},
                step("limited", 1, 1, Duration.ofSeconds(5), 0, 3), step("live", 2, 1, Duration.ofSeconds(5), 0, 0));
        assertThat(route.inpaint(job(1)).backend()).hasValue("live");
        assertThat(limited.calls).as("not retried before the minute is up").hasValue(1);
        assertThat(route.status().backends().get("limited")).startsWith("cooling down");
        clock.advance(Duration.ofSeconds(61));
        assertThat(route.inpaint(job(2)).backend()).hasValue("limited");
    }

    /**
     * A call gives its place back before its answer is seen, so the caller's next call (the next image of the
     * same edit) never finds the step full of its own finished calls.
     */
    @Test
    void aFinishedCallsPlaceIsFreeForTheCallersNextCall() {
        Scripted quick = new Scripted("quick");
        Route route = route(new InpaintEngine[] {quick}, step("quick", 1, 1, Duration.ofSeconds(5), 1, 0));
        for (int i = 0; i < 300; i++) {
            assertThat(route.inpaint(job(i)).backend()).hasValue("quick");
        }
    }

    /** A local model ignores interrupts: past its timeout it still runs, and still holds its place. */
    @Test
    void aCallPastItsTimeoutStillCountsAgainstTheLimit() {
        StubbornEngine stubborn = new StubbornEngine("stubborn", 0);
        Route route = slowThenLive(stubborn, 1);
        try {
            servedByLive(route, 4, end -> { });
            assertThat(stubborn.most).as("never more than max-concurrent at once").hasValue(1);
            assertThat(route.status().backends().get("stubborn")).as("busy is not a failure")
                    .doesNotContain("cooling");
        } finally {
            stubborn.gate.countDown();
        }
    }

    @Test
    void weightsShareATierAndTheChoiceIsReproduciblePerSeed() {
        Scripted heavy = new Scripted("heavy");
        Scripted light = new Scripted("light");
        Route route = route(new InpaintEngine[] {heavy, light},
                step("heavy", 1, 3, Duration.ofSeconds(5), 0, 0), step("light", 1, 1, Duration.ofSeconds(5), 0, 0));
        for (int seed = 0; seed < 400; seed++) {
            route.inpaint(job(seed));
        }
        assertThat(heavy.calls.get()).isBetween(250, 350);
        assertThat(route.inpaint(job(7)).backend()).isEqualTo(route.inpaint(job(7)).backend());
    }

    @Test
    void anAlwaysAvailableBackendAloneIsCalledDirectlyWithItsPreset() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<String> preset = new AtomicReference<>();
        InpaintEngine telea = new TeleaEngine();
        InpaintEngine watched = new Scripted("telea") {
            @Override
            public Set<String> presets() {
                return telea.presets();
            }

            @Override
            public Set<Capability> capabilities() {
                return telea.capabilities();
            }

            @Override
            public Inpainted inpaint(InpaintJob job) {
                ranOn.set(Thread.currentThread());
                preset.set(job.preset());
                return super.inpaint(job);
            }
        };
        Route direct = routes.resolve("T", new ModelRoute("telea", "fast"), new BackendRegistry().register(watched));
        assertThat(direct.inpaint(job(1)).backend()).hasValue("telea");
        assertThat(ranOn.get()).as("no thread hop").isSameAs(Thread.currentThread());
        assertThat(preset.get()).isEqualTo("fast");
        assertThat(direct.status()).isEqualTo(new Route.Status(true, Map.of("telea", "ok")));

        Route routed = routes.resolve("U", new ModelRoute(List.of(new RouteStep("telea", "quality", 1, 1,
                Duration.ofSeconds(5), 0, 0, Duration.ofSeconds(30), false))), new BackendRegistry().register(watched));
        routed.inpaint(job(1));
        assertThat(ranOn.get()).as("a policy of its own means a routed call").isNotSameAs(Thread.currentThread());
    }

    /** Like the built-in engines: works until its cancellation says stop (an interrupt alone does not stop it). */
    static final class Cooperative extends Scripted {
        final AtomicInteger running = new AtomicInteger();

        Cooperative(String name) {
            super(name);
        }

        @Override
        public Inpainted inpaint(InpaintJob job) {
            calls.incrementAndGet();
            running.incrementAndGet();
            try {
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // ends even if never cancelled
                while (System.nanoTime() < giveUp) {
                    job.cancellation().check(name());
                    Thread.onSpinWait();
                }
                return Inpainted.of(job.image().copy());
            } finally {
                running.decrementAndGet();
            }
        }
    }

    /** A route to {@code slow} with a 50 ms timeout and the given cap (0: the default), then to a live backend. */
    private Route slowThenLive(InpaintEngine slow, int cap) {
        return slowThenLive(slow, cap, Duration.ofMillis(50));
    }

    private Route slowThenLive(InpaintEngine slow, int cap, Duration timeout) {
        return route(new InpaintEngine[] {slow, new Scripted("live")},
                step(slow.name(), 1, 1, timeout, cap, 0),
                step("live", 2, 1, Duration.ofSeconds(5), 0, 0));
    }

    /** Sends {@code requests} jobs, each of which the live backend must end up serving. */
    private static void servedByLive(Route route, int requests, Consumer<CompletionStage<Void>> outliving) {
        for (int i = 0; i < requests; i++) {
            assertThat(route.inpaint(job(i), outliving).backend()).hasValue("live");
        }
    }

    /**
     * A slow model behind a timeout, request after request: each call it does not finish is given up on, but it
     * runs on, so it keeps its place; the step's cap (by default the server's workers, 2 here) then skips it. The
     * calls running in the background never exceed that, however many requests come.
     */
    @Test
    void callsLeftRunningAreBoundedByTheStepsDefaultCap() {
        StubbornEngine slow = new StubbornEngine("slow", 0);
        Route route = slowThenLive(slow, 0);
        List<CompletionStage<Void>> outliving = new CopyOnWriteArrayList<>();
        try {
            servedByLive(route, 6, outliving::add);
            assertThat(slow.most).as("at most the default cap running at once").hasValue(2);
            assertThat(slow.calls).as("the rest skipped it as busy").hasValue(2);
            assertThat(outliving).as("each call left running is reported to the caller").hasSize(2)
                    .allSatisfy(end -> assertThat(end.toCompletableFuture()).isNotDone());
        } finally {
            slow.gate.countDown();
        }
        outliving.forEach(end -> end.toCompletableFuture().join());
        assertThat(slow.running).hasValue(0);
    }

    /**
     * An engine that looks at its cancellation stops within the grace after its timeout: the route moves on with
     * nothing left running, reports nothing outliving it, and the step's place is free for the next request.
     */
    @Test
    void aCancelledCallStopsBeforeTheRouteMovesOn() {
        Cooperative slow = new Cooperative("slow");
        // The grace is the timeout: long enough that a loaded machine still schedules the call's thread within it.
        Route route = slowThenLive(slow, 1, Duration.ofMillis(400));
        List<CompletionStage<Void>> outliving = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            servedByLive(route, 1, outliving::add);
            assertThat(slow.running).as("stopped before the route moved on").hasValue(0);
        }
        assertThat(slow.calls).as("its place was free again each time").hasValue(3);
        assertThat(outliving).isEmpty();
        assertThat(Route.grace(Duration.ofMinutes(2))).isEqualTo(Route.MAX_GRACE);
        assertThat(Route.grace(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
    }
}
