package io.brushwork.engine;

import io.brushwork.image.ArgbImage;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import java.util.Optional;

/**
 * One image made by a generative model: from the prompt alone ({@link Operation#GENERATE}), from the prompt and a
 * photo ({@link Operation#REMIX}), or as a new background behind a photo's subject
 * ({@link Operation#REPLACE_BACKGROUND}). Only providers serve these; no built-in engine can.
 *
 * @param image          the photo, for remix and replace-background; empty for generate
 * @param width          the size the client asked for, in pixels
 * @param prompt         the prompt to paint: the client's, or the local Magic Prompt rewrite
 * @param clientPrompt   the prompt as the client sent it
 * @param negativePrompt what the image should not show; empty when not sent
 * @param imageWeight    1 to 100, for remix: how much the result follows the photo
 */
public record GenerateJob(Operation operation, Optional<ArgbImage> image, int width, int height, String prompt,
                          String clientPrompt, String negativePrompt, int imageWeight, int seed, String preset,
                          MagicPromptOption magicPrompt, StyleType style, Cancellation cancellation) implements Job {

    public GenerateJob {
        if (operation != Operation.GENERATE && operation != Operation.REMIX
                && operation != Operation.REPLACE_BACKGROUND) {
            throw new IllegalArgumentException("not a generative operation: " + operation);
        }
        if (image.isEmpty() != (operation == Operation.GENERATE)) {
            throw new IllegalArgumentException(operation + (image.isEmpty() ? " needs" : " takes no") + " image");
        }
    }

    @Override
    public GenerateJob withPreset(String preset) {
        return new GenerateJob(operation, image, width, height, prompt, clientPrompt, negativePrompt, imageWeight,
                seed, preset, magicPrompt, style, cancellation);
    }

    @Override
    public GenerateJob withCancellation(Cancellation cancellation) {
        return new GenerateJob(operation, image, width, height, prompt, clientPrompt, negativePrompt, imageWeight,
                seed, preset, magicPrompt, style, cancellation);
    }
}
