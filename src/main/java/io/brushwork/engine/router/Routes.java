package io.brushwork.engine.router;

import io.brushwork.config.ConfigException;
import io.brushwork.config.ModelRoute;
import io.brushwork.config.RouteStep;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.Operation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds each model's {@link Route}: a direct call for a model that is one always-available backend with the
 * default policy, routed calls otherwise, so that ONNX models and providers always get timeouts, retries and
 * cooldowns. Routes share one circuit breaker per backend, so a dead backend is out for every model that uses it.
 * Each routed model has a pool of its own, sized by its steps' caps.
 */
public final class Routes implements AutoCloseable {
    private final Clock clock;
    private final int defaultCap;
    private final MeterRegistry registry;
    private final RouteMeters meters;
    private final Map<String, BackendHealth> health = new ConcurrentHashMap<>();
    private final List<Route> routed = new CopyOnWriteArrayList<>();

    /**
     * @param defaultCap calls at once on a route step whose {@code max-concurrent} is not written: the server's
     *                   workers, since no more edits than that run at once; only calls a route gave up on that
     *                   are still running can then fill a step, and the step is skipped until they end
     */
    public Routes(Clock clock, int defaultCap) {
        this(clock, defaultCap, new CompositeMeterRegistry());
    }

    /** @param registry where the routes' meters go: each backend's calls, skips, fallbacks and state */
    public Routes(Clock clock, int defaultCap, MeterRegistry registry) {
        if (defaultCap < 1) {
            throw new IllegalArgumentException("defaultCap must be at least 1, not " + defaultCap);
        }
        this.clock = clock;
        this.defaultCap = defaultCap;
        this.registry = registry;
        this.meters = new RouteMeters(registry);
    }

    /** The model's route for edits: every backend of its {@code route}, as written. */
    public Route resolve(String model, ModelRoute route, BackendRegistry backends) {
        return resolve(model, Operation.EDIT, route.steps(), backends);
    }

    /**
     * The model's route for one operation.
     *
     * @param steps backends that all serve {@code operation}
     * @throws ConfigException if a step names a backend that does not exist, does not serve the operation, or has
     *                         no such preset
     */
    public Route resolve(String model, Operation operation, List<RouteStep> steps, BackendRegistry backends) {
        List<Route.Stop> stops = new ArrayList<>();
        for (RouteStep step : steps) {
            InpaintEngine engine = backends.find(step.backend()).orElseThrow(() -> new ConfigException(
                    "model " + model + " uses backend '" + step.backend() + "', which does not exist; backends: "
                            + backends.all().stream().map(InpaintEngine::name).toList()));
            if (!engine.operations().contains(operation)) {
                throw new ConfigException("model " + model + " routes " + operation.key() + " to backend "
                        + engine.name() + ", which cannot " + operation.key() + "; backends that can: "
                        + backends.all().stream().filter(b -> b.operations().contains(operation))
                        .map(InpaintEngine::name).toList());
            }
            if (!engine.presets().contains(step.preset())) {
                throw new ConfigException("model " + model + " uses preset '" + step.preset() + "' of "
                        + engine.name() + ", which has presets " + engine.presets());
            }
            stops.add(new Route.Stop(engine, step));
        }
        RouteStep only = steps.get(0);
        InpaintEngine first = stops.get(0).engine();
        if (steps.size() == 1 && first.capabilities().contains(InpaintEngine.Capability.ALWAYS_AVAILABLE)
                && only.equals(RouteStep.of(only.backend(), only.preset()))) {
            return Route.direct(model, first, only, meters);
        }
        stops.forEach(stop -> health.computeIfAbsent(stop.engine().name(), this::health));
        Route made = Route.routed(model, stops, health, defaultCap, meters);
        meters.prepare(model, stops.stream().map(stop -> stop.engine().name()).toList());
        routed.add(made);
        return made;
    }

    /** A backend's breaker, with a gauge that says whether it is in rotation (1) or cooling down (0). */
    private BackendHealth health(String backend) {
        BackendHealth made = new BackendHealth(backend, clock);
        Gauge.builder("brushwork.backend.available", made, h -> h.available() ? 1 : 0)
                .description("1 while the backend is in rotation, 0 while it cools down after failures")
                .tag("backend", backend).register(registry);
        return made;
    }

    @Override
    public void close() {
        routed.forEach(Route::close);
    }
}
