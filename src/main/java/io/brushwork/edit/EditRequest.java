package io.brushwork.edit;

import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A validated edit request. The image and mask are still encoded: decoding is the pipeline's first step, so that it
 * runs on the bounded worker pool rather than on the thread that received the upload.
 *
 * @param model     the model the request names, resolved to its route
 * @param styleType empty when the client did not send one
 * @param seed      empty when the client did not send one; the pipeline then picks one
 * @param output    the size the images come out at: the photo's, or the nearest of Ideogram 3.0's for V3
 */
public record EditRequest(
        byte[] image,
        byte[] mask,
        String prompt,
        ModelCatalog.Model model,
        MagicPromptOption magicPrompt,
        Optional<StyleType> styleType,
        OptionalInt seed,
        int numImages,
        OutputSize output) {

    public static final int MAX_IMAGES = 8;
    /** Characters (code points) in a prompt: far beyond any real one, well short of a file's size. */
    public static final int MAX_PROMPT_CHARS = 10_000;
    public static final String DEFAULT_MODEL = "V_2";
}
