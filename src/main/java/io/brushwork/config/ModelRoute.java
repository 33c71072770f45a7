package io.brushwork.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a public model name goes: backends in order of preference (see {@link RouteStep}).
 *
 * @param steps      the model's route for every operation its backends serve; may be empty when
 *                   {@code operations} names every route the model has
 * @param operations routes written for one operation each, by its key ({@code generate}, {@code upscale}, ...):
 *                   such a route replaces {@code steps} for that operation
 */
public record ModelRoute(List<RouteStep> steps, Map<String, List<RouteStep>> operations) {
    public ModelRoute {
        steps = List.copyOf(steps);
        Map<String, List<RouteStep>> copy = new LinkedHashMap<>();
        operations.forEach((key, route) -> {
            if (route.isEmpty()) {
                throw new IllegalArgumentException("the route for " + key + " needs at least one backend");
            }
            copy.put(key, List.copyOf(route));
        });
        operations = Collections.unmodifiableMap(copy);
        if (steps.isEmpty() && operations.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one backend");
        }
    }

    public ModelRoute(List<RouteStep> steps) {
        this(steps, Map.of());
    }

    /** The short form: one backend and its preset. */
    public ModelRoute(String backend, String preset) {
        this(List.of(RouteStep.of(backend, preset)));
    }
}
