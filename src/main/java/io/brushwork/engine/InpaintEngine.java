package io.brushwork.engine;

import io.brushwork.image.Mask;
import java.util.EnumSet;
import java.util.Set;

/**
 * An engine fills the masked region of an image: an algorithm such as PatchMatch or Telea, an ONNX model, or a
 * remote provider; some also serve other {@link Operation}s (an upscaler, a provider that generates). A configured
 * instance of one is a <em>backend</em>, known by its {@link #name()}; a model's <em>route</em> for an operation
 * lists backends that serve it. Engines know nothing of HTTP or storage: they get a job's pixels and give pixels
 * back, and must be deterministic for a given job.
 */
public interface InpaintEngine {

    /** The backend's name, as models name it in configuration: {@code patchmatch}, {@code telea}, {@code lama}. */
    String name();

    /** The preset names this engine accepts, for example {@code fast} and {@code quality}. */
    Set<String> presets();

    /** What the engine can and needs; the pipeline and routes decide by these, never by class. */
    default Set<Capability> capabilities() {
        return EnumSet.of(Capability.FILLS_FROM_SURROUNDINGS);
    }

    /**
     * The operations this engine serves. An engine that fills holes serves edits and reframes (a reframe is the
     * photo on a larger canvas with the new border to fill); others say what they do instead.
     */
    default Set<Operation> operations() {
        return EnumSet.of(Operation.EDIT, Operation.REFRAME);
    }

    /**
     * Makes one image of any operation this engine serves: an edit or a reframe goes to {@link #inpaint}; an
     * engine that serves other operations overrides this for them.
     *
     * @throws BackendException as {@link #inpaint} does; MISCONFIGURED for an operation the engine does not serve
     *                          (a route never sends one)
     */
    default Inpainted run(Job job) {
        if (operations().contains(job.operation())) {
            if (job instanceof InpaintJob edit) {
                return inpaint(edit);
            }
            if (job instanceof ReframeJob reframe) {
                return inpaint(reframe.fill());
            }
        }
        throw new BackendException(BackendException.Kind.MISCONFIGURED, name() + " cannot "
                + job.operation().key());
    }

    /** Working memory for any job: an edit's or a reframe's by its mask; engines of other operations override. */
    default long workingBytes(Job job) {
        if (job instanceof InpaintJob edit) {
            return workingBytes(edit.mask());
        }
        if (job instanceof ReframeJob reframe) {
            return workingBytes(reframe.fill().mask());
        }
        return 0;
    }

    /**
     * About how many bytes of working memory {@link #inpaint} needs for this mask, beyond the image and its copy.
     * Edits reserve it before the engine runs, so that concurrent large edits are refused instead of running the
     * server out of memory.
     */
    long workingBytes(Mask mask);

    /**
     * Returns a new image of the job's size with the hole filled. Pixels outside the hole may be changed by the
     * engine; the pipeline puts the originals back. A long-running engine looks at the job's
     * {@link InpaintJob#cancellation()} between steps of its work and stops when it is set, so that a call a
     * route has given up on ends instead of running on in the background.
     *
     * @throws BackendException when the backend cannot do the job, or the job was cancelled
     *                          ({@link Cancellation#cancelled}); its kind tells a route what it may do next
     */
    Inpainted inpaint(InpaintJob job);

    /** Whether the backend can work at all: ready, or why not (a model that failed to load, say). */
    default EngineStatus status() {
        return EngineStatus.READY;
    }

    /** What an engine declares about itself. */
    enum Capability {
        /** It fills the hole from the pixels around it, so a mask that covers the whole image cannot work. */
        FILLS_FROM_SURROUNDINGS,
        /**
         * It rewrites prompts itself (Ideogram's own Magic Prompt): it gets the client's prompt and option and
         * reports the prompt it used, instead of Brushwork's local rewrite.
         */
        REWRITES_PROMPTS,
        /**
         * It runs in this process and cannot be unreachable, rate limited or out of rotation, so a model that is
         * this backend alone, with the default policy, calls it directly instead of through timeouts and retries.
         */
        ALWAYS_AVAILABLE,
        /** The same job gives byte-identical pixels every time, whatever else the machine is doing. */
        DETERMINISTIC
    }
}
