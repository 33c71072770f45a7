package io.brushwork.engine.upscale;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Job;
import io.brushwork.engine.Operation;
import io.brushwork.engine.UpscaleJob;
import io.brushwork.image.Mask;
import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in upscaler as a backend, {@code lanczos}: {@link ClassicUpscaler} with the job's resemblance and
 * detail. It serves only upscaling and ignores the prompt; every model without an upscaling backend of its own
 * upscales with it.
 */
public final class LanczosEngine implements InpaintEngine {
    public static final String NAME = "lanczos";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> presets() {
        return Set.of("default");
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.UPSCALE);
    }

    /** In this process, the same bytes for the same photo and settings. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.ALWAYS_AVAILABLE, Capability.DETERMINISTIC);
    }

    @Override
    public long workingBytes(Mask mask) {
        return 0;
    }

    @Override
    public long workingBytes(Job job) {
        return job instanceof UpscaleJob up
                ? ClassicUpscaler.workingBytes(up.image().width(), up.image().height(), up.scale()) : 0;
    }

    @Override
    public Inpainted run(Job job) {
        if (!(job instanceof UpscaleJob up)) {
            return InpaintEngine.super.run(job); // says it cannot
        }
        return Inpainted.of(ClassicUpscaler.upscale(up.image(), up.scale(), up.resemblance(), up.detail(),
                up.cancellation()));
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        throw new BackendException(BackendException.Kind.MISCONFIGURED, NAME + " cannot edit: it only upscales");
    }
}
