package io.brushwork.edit;

import io.brushwork.config.ConfigException;
import io.brushwork.config.ModelRoute;
import io.brushwork.config.RouteStep;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.Operation;
import io.brushwork.engine.router.Route;
import io.brushwork.engine.router.Routes;
import io.brushwork.engine.upscale.LanczosEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The public model names a client may send, each bound to a route of backends per operation. Checked once at
 * start-up.
 *
 * <p>A model's route for an operation is the one written under the operation's key ({@code generate: [...]}), or
 * else the backends of its {@code route} that serve the operation. Upscaling has one more fallback: a model with
 * no backend that upscales uses the built-in upscaler, so every model upscales on a bare CPU. An operation no
 * backend of the model serves has no route, and a request for it is answered 503 saying what to configure.
 */
public final class ModelCatalog {
    /** The built-in backend that upscales for a model whose backends do not. */
    public static final String BUILT_IN_UPSCALER = LanczosEngine.NAME;

    /**
     * A public model: its canonical (upper-case) name and the route that serves each operation it can do.
     *
     * @param missing for each operation it cannot do, what the operator would configure for it
     * @param primary the operation its own backends are for: edit if they edit, else the first they serve (not
     *                the built-in upscaler every model falls back on)
     */
    public record Model(String name, Map<Operation, Route> routes, Map<Operation, String> missing,
                        Operation primary) {
        public Model {
            routes = Collections.unmodifiableMap(routes.isEmpty() ? Map.of() : new EnumMap<>(routes));
            missing = Collections.unmodifiableMap(missing.isEmpty() ? Map.of() : new EnumMap<>(missing));
            if (!routes.containsKey(primary)) {
                throw new IllegalArgumentException("model " + name + " has no route for its " + primary.key());
            }
        }

        /** A model that edits through {@code route} and does nothing else. */
        public Model(String name, Route route) {
            this(name, Map.of(Operation.EDIT, route), Map.of(), Operation.EDIT);
        }

        /** The route for an operation, or empty when no backend of this model serves it. */
        public Optional<Route> route(Operation operation) {
            return Optional.ofNullable(routes.get(operation));
        }

        /** The route for an operation, or a 503 that tells the operator what to configure. */
        public Route routeFor(Operation operation) {
            return route(operation).orElseThrow(() -> new NotConfiguredException(missing.getOrDefault(operation,
                    "model " + name + " cannot " + operation.key())));
        }

        /** The route of its {@link #primary()} operation. */
        public Route main() {
            return routes.get(primary);
        }

        /**
         * Ready when its {@link #main()} route is (the built-in upscaler alone must not make a model whose edit
         * backends are all out look ready), with the state of every backend on any of its routes.
         */
        public Route.Status status() {
            Map<String, String> backends = new LinkedHashMap<>();
            routes.values().forEach(route -> backends.putAll(route.status().backends()));
            return new Route.Status(main().status().ready(), backends);
        }
    }

    private final Map<String, Model> models;

    private ModelCatalog(Map<String, Model> models) {
        this.models = models;
    }

    /**
     * @param written  each public model name, as the config spells it, and its route
     * @param backends the backends the routes may name
     * @param routes   builds each model's route, sharing one circuit breaker per backend
     */
    public static ModelCatalog of(Map<String, ModelRoute> written, BackendRegistry backends, Routes routes) {
        return of(written, backends, routes, List.of());
    }

    /** @param types the backend types the operator may configure, named when a model lacks an operation */
    public static ModelCatalog of(Map<String, ModelRoute> written, BackendRegistry backends, Routes routes,
                                  List<BackendType> types) {
        Map<String, Model> models = new TreeMap<>(); // listed by canonical name, whatever the config's spelling
        written.forEach((spelling, route) -> {
            String name = spelling.toUpperCase(Locale.ROOT);
            Map<Operation, Route> served = routesOf(name, route, backends, routes);
            Map<Operation, String> missing = new EnumMap<>(Operation.class);
            for (Operation operation : Operation.values()) {
                if (!served.containsKey(operation)) {
                    missing.put(operation, missing(name, operation, route, backends, types));
                }
            }
            models.put(name, new Model(name, served, missing, primary(served)));
        });
        if (models.isEmpty()) {
            throw new ConfigException("no models are configured");
        }
        return new ModelCatalog(models);
    }

    private static Map<Operation, Route> routesOf(String model, ModelRoute written, BackendRegistry backends,
                                                  Routes routes) {
        for (String key : written.operations().keySet()) {
            if (Operation.ofKey(key).isEmpty()) {
                throw new ConfigException("models." + model + "." + key + " is not an operation; a model takes"
                        + " route, backend, preset, and a route per operation: " + String.join(", ",
                        Arrays.stream(Operation.values()).map(Operation::key).toList()));
            }
        }
        Map<Operation, Route> made = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            List<RouteStep> steps = written.operations().get(operation.key());
            if (steps == null) {
                steps = serving(model, operation, written.steps(), backends);
            }
            if (steps.isEmpty() && operation == Operation.UPSCALE && backends.find(BUILT_IN_UPSCALER).isPresent()) {
                steps = List.of(RouteStep.of(BUILT_IN_UPSCALER, RouteStep.DEFAULT_PRESET));
            }
            if (!steps.isEmpty()) {
                made.put(operation, routes.resolve(model, operation, steps, backends));
            }
        }
        if (made.isEmpty()) {
            throw new ConfigException("model " + model + " has no backend that serves any operation");
        }
        return made;
    }

    /**
     * The operation the model's own backends are for: edit if they edit, else the first they serve. The built-in
     * upscaler every model falls back on is the primary only of a model that does nothing else.
     */
    private static Operation primary(Map<Operation, Route> served) {
        for (Map.Entry<Operation, Route> route : served.entrySet()) {
            boolean fallback = route.getKey() == Operation.UPSCALE
                    && route.getValue().backends().equals(List.of(BUILT_IN_UPSCALER));
            if (!fallback) {
                return route.getKey();
            }
        }
        return Operation.UPSCALE;
    }

    /**
     * What to configure for an operation the model cannot do: route it to a backend that is configured and can,
     * or else add a backend of a type that can.
     */
    private static String missing(String model, Operation operation, ModelRoute route, BackendRegistry backends,
                                  List<BackendType> types) {
        String verb = operation.key();
        List<String> able = backends.all().stream().filter(b -> b.operations().contains(operation))
                .map(InpaintEngine::name).toList();
        List<String> ableTypes = types.stream().filter(t -> t.operations().contains(operation))
                .map(BackendType::name).toList();
        String has = route.steps().isEmpty() ? "" : " (its backends: " + String.join(", ",
                route.steps().stream().map(RouteStep::backend).distinct().toList()) + ")";
        String example = "models: {" + model + ": {" + verb + ": [{backend: " + (able.isEmpty() ? "NAME"
                : able.get(0)) + "}]}}";
        if (!able.isEmpty()) {
            return "model " + model + " has no backend that can " + verb + has + "; in the config file, route it to "
                    + (able.size() == 1 ? "backend " : "one of the backends ") + String.join(", ", able)
                    + ": " + example;
        }
        String add = ableTypes.isEmpty() ? "a backend that can"
                : "a backend of type " + BackendRegistry.oneOf(ableTypes);
        return "model " + model + " has no backend that can " + verb + has + "; no backend configured on this"
                + " server can. Add " + add + " under backends in the config file and route the model to it: "
                + example;
    }

    /** The steps of the model's route whose backends serve the operation; names are checked when resolved. */
    private static List<RouteStep> serving(String model, Operation operation, List<RouteStep> steps,
                                           BackendRegistry backends) {
        List<RouteStep> serving = new ArrayList<>();
        for (RouteStep step : steps) {
            Optional<InpaintEngine> engine = backends.find(step.backend());
            if (engine.isEmpty() || engine.get().operations().contains(operation)) {
                serving.add(step); // an unknown name stays, so that resolving says it does not exist
            }
        }
        return serving;
    }

    public Collection<Model> all() {
        return models.values();
    }

    /** Case-insensitive, as Ideogram's enums are for Brushwork's clients. */
    public Optional<Model> find(String name) {
        return Optional.ofNullable(models.get(name.toUpperCase(Locale.ROOT)));
    }

    public List<String> names() {
        return new ArrayList<>(models.keySet());
    }
}
