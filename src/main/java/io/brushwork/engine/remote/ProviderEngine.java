package io.brushwork.engine.remote;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.GenerateJob;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Job;
import io.brushwork.engine.ReframeJob;
import io.brushwork.engine.UpscaleJob;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What every provider has in common: its configured name, the shared preset names, and one dispatch of a job to
 * the method for its kind, so that a provider only writes the operations it declares in {@link #operations()}.
 */
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

    /** Checks the job's operation is declared and its preset known before anything is sent. */
    @Override
    public final Inpainted run(Job job) {
        if (!operations().contains(job.operation())) {
            throw cannot(job);
        }
        Presets.check(name, job.preset());
        if (job instanceof InpaintJob edit) {
            return inpaint(edit);
        }
        if (job instanceof ReframeJob reframe) {
            return reframe(reframe);
        }
        if (job instanceof UpscaleJob upscale) {
            return upscale(upscale);
        }
        return generate((GenerateJob) job);
    }

    /** Working memory as {@link #run} dispatches: an edit's by its mask, each other kind by its own method. */
    @Override
    public final long workingBytes(Job job) {
        if (job instanceof InpaintJob edit) {
            return workingBytes(edit.mask());
        }
        if (job instanceof ReframeJob reframe) {
            return reframeBytes(reframe);
        }
        if (job instanceof UpscaleJob upscale) {
            return upscaleBytes(upscale);
        }
        return generateBytes((GenerateJob) job);
    }

    long reframeBytes(ReframeJob job) {
        return workingBytes(job.fill().mask());
    }

    long upscaleBytes(UpscaleJob job) {
        return 0;
    }

    long generateBytes(GenerateJob job) {
        return 0;
    }

    /** A reframe is the canvas with its border to fill, unless the provider has a reframe of its own. */
    Inpainted reframe(ReframeJob job) {
        return inpaint(job.fill());
    }

    /** Only reached by a provider that declares UPSCALE without overriding this. */
    Inpainted upscale(UpscaleJob job) {
        throw cannot(job);
    }

    /** Generate, remix or replace-background; only reached for the ones the provider declares. */
    Inpainted generate(GenerateJob job) {
        throw cannot(job);
    }

    private BackendException cannot(Job job) {
        return new BackendException(Kind.MISCONFIGURED, name + " cannot " + job.operation().key());
    }
}
