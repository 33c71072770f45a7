package io.brushwork.engine;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;

/**
 * One image to fill ({@link Operation#EDIT}), with everything a backend may use: built-in engines need the pixels, the mask, the seed and
 * the preset; providers that generate also take the prompt, and a provider that does its own prompt rewriting (such
 * as Ideogram itself) takes the client's prompt and Magic Prompt option and reports the prompt it used.
 *
 * @param prompt         the prompt to paint: the client's, or the local Magic Prompt rewrite
 * @param clientPrompt   the prompt as the client sent it
 * @param magicPrompt    the client's Magic Prompt option
 * @param cancellation   set when the caller gives up on the job; engines stop at their next look
 */
public record InpaintJob(ArgbImage image, Mask mask, String prompt, String clientPrompt, int seed, String preset,
                         MagicPromptOption magicPrompt, StyleType style, Cancellation cancellation) implements Job {

    /** A job nobody will cancel; a route gives each of its calls a cancellation of its own. */
    public InpaintJob(ArgbImage image, Mask mask, String prompt, String clientPrompt, int seed, String preset,
                      MagicPromptOption magicPrompt, StyleType style) {
        this(image, mask, prompt, clientPrompt, seed, preset, magicPrompt, style, Cancellation.NONE);
    }

    /** A job as a client sends it with no options: its prompt as written, Magic Prompt and style on AUTO. */
    public static InpaintJob of(ArgbImage image, Mask mask, String prompt, int seed, String preset) {
        return new InpaintJob(image, mask, prompt, prompt, seed, preset, MagicPromptOption.AUTO, StyleType.AUTO);
    }

    @Override
    public Operation operation() {
        return Operation.EDIT;
    }

    /** The same job with another preset: each backend on a route gets its own. */
    @Override
    public InpaintJob withPreset(String preset) {
        return new InpaintJob(image, mask, prompt, clientPrompt, seed, preset, magicPrompt, style, cancellation);
    }

    /** The same job, cancelled by {@code cancellation}: one call of a route. */
    @Override
    public InpaintJob withCancellation(Cancellation cancellation) {
        return new InpaintJob(image, mask, prompt, clientPrompt, seed, preset, magicPrompt, style, cancellation);
    }
}
