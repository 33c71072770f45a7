package io.brushwork.engine;

import java.util.Optional;

/**
 * Whether a backend can take jobs.
 *
 * @param problem why it cannot (it failed to load, say); empty when it can
 */
public record EngineStatus(Optional<String> problem) {
    public static final EngineStatus READY = new EngineStatus(Optional.empty());

    public static EngineStatus unavailable(String reason) {
        return new EngineStatus(Optional.of(reason));
    }

    public boolean ready() {
        return problem.isEmpty();
    }

    /** "ok", or "not available: " and why, as {@code /v1/models} and {@code /readyz} show a backend. */
    public String describe() {
        return problem.map(p -> "not available: " + p).orElse("ok");
    }
}
