package io.brushwork.engine.remote;

import io.brushwork.engine.InpaintEngine;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** What every provider has in common: its configured name and the shared preset names. */
abstract class ProviderEngine implements InpaintEngine {
    /** A job's calls to a provider (the edit and any download of its result) take this long at most, unless set. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final String name;

    ProviderEngine(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> presets() {
        return Presets.ALL;
    }
}
