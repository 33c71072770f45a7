package io.brushwork.edit;

import io.brushwork.engine.Operation;
import io.brushwork.engine.router.Route;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A validated request for images: an edit, or any other {@link Operation} of Ideogram's image routes. The image and
 * mask are still encoded: decoding is the pipeline's first step, so that it runs on the bounded worker pool rather
 * than on the thread that received the upload.
 *
 * @param image     the photo; null for {@link Operation#GENERATE}
 * @param mask      the mask; null for every operation but {@link Operation#EDIT}
 * @param model     the model the request names, resolved to its routes
 * @param styleType empty when the client did not send one
 * @param seed      empty when the client did not send one; the pipeline then picks one
 * @param output    for an edit, the size the images come out at: the photo's, or the nearest of Ideogram 3.0's
 * @param options   what the other operations take besides
 * @param photoField the form field the photo came in ({@code image_file}, or V3's {@code image}), for messages
 */
public record EditRequest(
        Operation operation,
        byte[] image,
        byte[] mask,
        String prompt,
        ModelCatalog.Model model,
        MagicPromptOption magicPrompt,
        Optional<StyleType> styleType,
        OptionalInt seed,
        int numImages,
        OutputSize output,
        Options options,
        String photoField) {

    public static final int MAX_IMAGES = 8;
    /** Characters (code points) in a prompt: far beyond any real one, well short of a file's size. */
    public static final int MAX_PROMPT_CHARS = 10_000;
    public static final String DEFAULT_MODEL = "V_2";

    /** An edit. */
    public EditRequest(byte[] image, byte[] mask, String prompt, ModelCatalog.Model model,
                       MagicPromptOption magicPrompt, Optional<StyleType> styleType, OptionalInt seed, int numImages,
                       OutputSize output) {
        this(Operation.EDIT, image, mask, prompt, model, magicPrompt, styleType, seed, numImages, output,
                Options.NONE, output == OutputSize.IDEOGRAM_V3 ? "image" : "image_file");
    }

    /** The model's route for this request's operation, or a 503 saying what to configure. */
    public Route route() {
        return model.routeFor(operation);
    }

    /**
     * What operations other than edit take.
     *
     * @param size           the size asked for: a reframe's canvas, a generated image's; empty to follow the photo
     * @param negativePrompt what the image should not show; empty when not sent
     * @param imageWeight    remix: 1 to 100, how much the result follows the photo
     * @param resemblance    upscale: 1 to 100, how closely the result keeps to the photo
     * @param detail         upscale: 1 to 100, how much fine detail it gets
     */
    public record Options(Optional<Resolutions.Size> size, String negativePrompt, int imageWeight, int resemblance,
                          int detail) {
        /** Ideogram's defaults. */
        public static final Options NONE = new Options(Optional.empty(), "", 50, 50, 50);

        public Options withSize(Resolutions.Size size) {
            return new Options(Optional.of(size), negativePrompt, imageWeight, resemblance, detail);
        }
    }
}
