package io.brushwork.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The engines a server can route to, by name. */
public final class EngineRegistry {
    private final Map<String, InpaintEngine> engines = new LinkedHashMap<>();

    public EngineRegistry register(InpaintEngine engine) {
        if (engines.putIfAbsent(engine.name(), engine) != null) {
            throw new IllegalArgumentException("engine registered twice: " + engine.name());
        }
        return this;
    }

    public Optional<InpaintEngine> find(String name) {
        return Optional.ofNullable(engines.get(name));
    }

    public Collection<InpaintEngine> all() {
        return engines.values();
    }
}
