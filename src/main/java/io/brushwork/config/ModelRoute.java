package io.brushwork.config;

import java.util.List;

/** Where a public model name goes: backends in order of preference (see {@link RouteStep}). */
public record ModelRoute(List<RouteStep> steps) {
    public ModelRoute {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one backend");
        }
        steps = List.copyOf(steps);
    }

    /** The short form: one backend and its preset. */
    public ModelRoute(String backend, String preset) {
        this(List.of(RouteStep.of(backend, preset)));
    }
}
