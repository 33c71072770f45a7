package io.brushwork.testing;

import io.brushwork.engine.InpaintEngine;
import io.brushwork.image.Mask;
import java.util.Set;

/** A backend written for a test: a name, the one preset {@code default} and a fixed working memory. */
public abstract class TestEngine implements InpaintEngine {
    private final String name;
    private final long workingBytes;

    protected TestEngine(String name, long workingBytes) {
        this.name = name;
        this.workingBytes = workingBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> presets() {
        return Set.of("default");
    }

    @Override
    public long workingBytes(Mask mask) {
        return workingBytes;
    }
}
