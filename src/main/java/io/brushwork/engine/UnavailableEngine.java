package io.brushwork.engine;

import io.brushwork.image.Mask;
import java.util.EnumSet;
import java.util.Set;

/**
 * Stands in for a backend that could not be set up (a model file that fails to load, say): the server still
 * starts, {@code /readyz} says which backend and why, and requests that reach it get a 503 rather than a crash.
 */
public final class UnavailableEngine implements InpaintEngine {
    private final String name;
    private final String reason;
    private final Set<Operation> operations;

    /** @param operations what the backend would serve if it worked: models route those operations to it */
    public UnavailableEngine(String name, String reason, Set<Operation> operations) {
        this.name = name;
        this.reason = reason;
        this.operations = Set.copyOf(operations);
    }

    /** A backend that would fill holes. */
    public UnavailableEngine(String name, String reason) {
        this(name, reason, EnumSet.of(Operation.EDIT, Operation.REFRAME));
    }

    @Override
    public Set<Operation> operations() {
        return operations;
    }

    @Override
    public Inpainted run(Job job) {
        throw new BackendException(BackendException.Kind.MISCONFIGURED, name + " is not available: " + reason);
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
