package io.brushwork.engine;

import io.brushwork.image.Mask;
import java.util.Set;

/**
 * Stands in for a backend that could not be set up (a model file that fails to load, say): the server still
 * starts, {@code /readyz} says which backend and why, and requests that reach it get a 503 rather than a crash.
 */
public final class UnavailableEngine implements InpaintEngine {
    private final String name;
    private final String reason;

    public UnavailableEngine(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> presets() {
        return Set.of("default", "fast", "quality");
    }

    @Override
    public long workingBytes(Mask mask) {
        return 0;
    }

    @Override
    public EngineStatus status() {
        return EngineStatus.unavailable(reason);
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        throw new BackendException(BackendException.Kind.MISCONFIGURED, name + " is not available: " + reason);
    }
}
