package io.brushwork.engine.remote;

import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import java.util.Objects;
import java.util.Set;

/** What every provider has in common: its configured name, the shared preset names, and the job as the way in. */
abstract class ProviderEngine implements InpaintEngine {
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

    /** Providers work from the whole job; this form sends the prompt as the client's, with default options. */
    @Override
    public final ArgbImage inpaint(ArgbImage image, Mask mask, String prompt, int seed, String preset) {
        return inpaint(new InpaintJob(image, mask, prompt, prompt, seed, preset, MagicPromptOption.AUTO,
                StyleType.AUTO)).image();
    }
}
