package io.brushwork.engine;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import java.util.Set;

/**
 * Fills the masked region of an image. Implementations know nothing of HTTP or storage: they get pixels and give
 * pixels back, and must be deterministic for a given image, mask, prompt, seed and preset.
 */
public interface InpaintEngine {

    /** The name used in configuration, for example {@code telea}. */
    String name();

    /** The preset names this engine accepts, for example {@code fast} and {@code quality}. */
    Set<String> presets();

    /** Whether the engine fills from surrounding pixels, so that a mask covering the whole image cannot work. */
    default boolean needsKnownPixels() {
        return true;
    }

    /**
     * About how many bytes of working memory {@link #inpaint} needs for this mask, beyond the image and its copy.
     * Edits reserve it before the engine runs, so that concurrent large edits are refused instead of running the
     * server out of memory.
     */
    long workingBytes(Mask mask);

    /**
     * Returns a new image of the same size with the hole filled. Pixels outside the hole may be changed by the
     * engine; the pipeline puts the originals back.
     *
     * @param seed   0..2^31-1; drives every random choice the engine makes
     * @param preset one of {@link #presets()}
     */
    ArgbImage inpaint(ArgbImage image, Mask mask, String prompt, int seed, String preset);

    /**
     * The job with everything a provider may use. Engines that only need pixels leave this as it is; providers
     * override it (and may implement the method above by building a job).
     */
    default Inpainted inpaint(InpaintJob job) {
        return Inpainted.of(inpaint(job.image(), job.mask(), job.prompt(), job.seed(), job.preset()));
    }

    /** Why this backend cannot work at all (it failed to load, say); empty when it can. */
    default java.util.Optional<String> problem() {
        return java.util.Optional.empty();
    }

    /**
     * Whether the backend rewrites prompts itself (Ideogram's own Magic Prompt): then it gets the client's prompt
     * and option, and reports the prompt it used, instead of Brushwork's local rewrite.
     */
    default boolean rewritesPrompts() {
        return false;
    }
}
