package io.brushwork.edit;

import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A validated edit request. The image and mask are still encoded: decoding is the pipeline's first step, so that it
 * runs on the bounded worker pool rather than on the thread that received the upload.
 *
 * @param model     a name the model catalog knows, in its canonical (upper-case) spelling
 * @param styleType empty when the client did not send one
 * @param seed      empty when the client did not send one; the pipeline then picks one
 */
public record EditRequest(
        byte[] image,
        byte[] mask,
        String prompt,
        String model,
        MagicPromptOption magicPrompt,
        Optional<StyleType> styleType,
        OptionalInt seed,
        int numImages) {

    public static final int MAX_IMAGES = 8;
    public static final String DEFAULT_MODEL = "V_2";
}
