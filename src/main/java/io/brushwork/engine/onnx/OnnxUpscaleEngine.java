package io.brushwork.engine.onnx;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.BackendValues;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Job;
import io.brushwork.engine.Operation;
import io.brushwork.engine.UpscaleJob;
import io.brushwork.image.Mask;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * An operator's super-resolution model as a backend, {@code type: onnx-upscale} (keys {@code model} and
 * {@code threads}): Real-ESRGAN's export and any model of its contract (see {@link OnnxUpscaler}). It serves only
 * upscaling; a model of another scale than the request's is run at its own and the pipeline resizes its result to
 * the size asked (a 4x model's result is brought down to Ideogram's 2x). It ignores the prompt,
 * {@code resemblance} and {@code detail}. With {@code threads: 1} it is deterministic.
 */
public final class OnnxUpscaleEngine implements InpaintEngine, AutoCloseable {
    public static final BackendType TYPE = new BackendType("onnx-upscale", EnumSet.of(Operation.UPSCALE),
            (name, s) -> open(name, s));

    private final OnnxUpscaler upscaler;
    private final boolean deterministic;

    private OnnxUpscaleEngine(OnnxUpscaler upscaler, boolean deterministic) {
        this.upscaler = upscaler;
        this.deterministic = deterministic;
    }

    private static OnnxUpscaleEngine open(String name, BackendValues s) {
        Path model = s.build(() -> Path.of(s.required("model")));
        int threads = s.integer("threads", 1);
        s.rejectUnused();
        return new OnnxUpscaleEngine(OnnxUpscaler.open(name, model, threads), threads == 1);
    }

    @Override
    public String name() {
        return upscaler.name();
    }

    @Override
    public Set<String> presets() {
        return Set.of("default", "fast", "quality");
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.UPSCALE);
    }

    @Override
    public Set<Capability> capabilities() {
        return deterministic ? EnumSet.of(Capability.DETERMINISTIC) : EnumSet.noneOf(Capability.class);
    }

    @Override
    public long workingBytes(Mask mask) {
        return 0;
    }

    @Override
    public long workingBytes(Job job) {
        return job instanceof UpscaleJob up ? upscaler.workingBytes(up.image().width(), up.image().height()) : 0;
    }

    @Override
    public Inpainted run(Job job) {
        if (!(job instanceof UpscaleJob up)) {
            return InpaintEngine.super.run(job); // says it cannot
        }
        return Inpainted.of(upscaler.upscale(up.image(), up.cancellation()));
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        throw new BackendException(BackendException.Kind.MISCONFIGURED, name() + " cannot edit: it only upscales");
    }

    @Override
    public void close() {
        upscaler.close();
    }
}
