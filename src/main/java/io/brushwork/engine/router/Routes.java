package io.brushwork.engine.router;

import io.brushwork.config.ConfigException;
import io.brushwork.config.ModelRoute;
import io.brushwork.config.RouteStep;
import io.brushwork.engine.EngineRegistry;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.engine.telea.TeleaEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Builds each model's engine from its route: a built-in engine itself for the short form (one backend, default
 * policy), a {@link Router} otherwise, so that ONNX models and providers always get timeouts, retries and cooldowns. Routers share one circuit breaker per backend, so a dead backend is out for every model
 * that uses it.
 */
public final class Routes implements AutoCloseable {
    private final Clock clock;
    private final Map<String, BackendHealth> health = new ConcurrentHashMap<>();
    private final ExecutorService calls = Router.newCallPool();

    public Routes(Clock clock) {
        this.clock = clock;
    }

    /** The engine and preset a model runs with. */
    public record Resolved(InpaintEngine engine, String preset) {
    }

    public Resolved resolve(String model, ModelRoute route, EngineRegistry engines) {
        List<Router.Stop> stops = new ArrayList<>();
        for (RouteStep step : route.steps()) {
            InpaintEngine engine = engines.find(step.backend()).orElseThrow(() -> new ConfigException(
                    "model " + model + " uses backend '" + step.backend() + "', which does not exist; backends: "
                            + engines.all().stream().map(InpaintEngine::name).toList()));
            if (!engine.presets().contains(step.preset())) {
                throw new ConfigException("model " + model + " uses preset '" + step.preset() + "' of "
                        + engine.name() + ", which has presets " + engine.presets());
            }
            stops.add(new Router.Stop(engine, step));
            health.computeIfAbsent(engine.name(), n -> new BackendHealth(n, clock));
        }
        RouteStep only = route.steps().get(0);
        InpaintEngine first = stops.get(0).engine();
        boolean builtIn = first instanceof PatchMatchEngine || first instanceof TeleaEngine;
        if (route.steps().size() == 1 && builtIn && only.equals(RouteStep.of(only.backend(), only.preset()))) {
            // The built-in engines cannot be unreachable or rate limited: routing them would only add a thread hop.
            return new Resolved(first, only.preset());
        }
        return new Resolved(new Router(model, stops, health, calls), Router.PRESET);
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
