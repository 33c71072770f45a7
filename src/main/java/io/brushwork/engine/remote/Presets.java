package io.brushwork.engine.remote;

import java.util.Set;

/**
 * The presets every remote engine accepts. A model route names a preset whatever its engine, so remote engines take
 * the usual three; what (if anything) each changes is documented on the engine.
 */
final class Presets {
    static final Set<String> ALL = Set.of("default", "fast", "quality");

    private Presets() {
    }

    static String check(String engine, String preset) {
        if (!ALL.contains(preset)) {
            throw new IllegalArgumentException(engine + " has no preset '" + preset + "'; presets: " + ALL);
        }
        return preset;
    }
}
