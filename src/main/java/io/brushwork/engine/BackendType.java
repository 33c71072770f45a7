package io.brushwork.engine;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A kind of backend the operator can configure, by the {@code type} written under {@code backends}: it reads its
 * own keys and makes the engine. The types a server knows are one list, kept where the server is wired.
 *
 * @param name       the type as written in the config, in lower case: {@code onnx}, {@code ideogram}, ...
 * @param operations what a backend of this type can serve, at most (an engine may say less once made, as an ONNX
 *                   model of a contract that only inpaints); for the message that tells an operator which type to
 *                   add for an operation
 * @param factory    reads one backend's settings and makes its engine
 */
public record BackendType(String name, Set<Operation> operations, Factory factory) {
    /** Makes the engine for one configured backend. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @throws io.brushwork.config.ConfigException if a setting is wrong (the server must not start)
         * @throws BackendException                   if the settings are right but the backend cannot work now
         */
        InpaintEngine create(String backendName, BackendValues settings);
    }

    public BackendType {
        Objects.requireNonNull(name, "name");
        operations = Set.copyOf(operations);
        Objects.requireNonNull(factory, "factory");
    }

    /** A type whose backends fill holes: edits and reframes. */
    public BackendType(String name, Factory factory) {
        this(name, EnumSet.of(Operation.EDIT, Operation.REFRAME), factory);
    }
}
