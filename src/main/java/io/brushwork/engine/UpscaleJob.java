package io.brushwork.engine;

import io.brushwork.image.ArgbImage;
import io.brushwork.prompt.MagicPromptOption;

/**
 * One upscaled image: {@code image} made {@code scale} times larger.
 *
 * @param resemblance 1 to 100: how closely the result keeps to the photo (Ideogram's field; see the README for
 *                    what each backend makes of it)
 * @param detail      1 to 100: how much fine detail and local contrast the result gets
 * @param prompt      the prompt, for a generative upscaler; the built-in ones ignore it
 */
public record UpscaleJob(ArgbImage image, int scale, int resemblance, int detail, String prompt, String clientPrompt,
                         int seed, String preset, MagicPromptOption magicPrompt, Cancellation cancellation)
        implements Job {

    @Override
    public Operation operation() {
        return Operation.UPSCALE;
    }

    @Override
    public UpscaleJob withPreset(String preset) {
        return new UpscaleJob(image, scale, resemblance, detail, prompt, clientPrompt, seed, preset, magicPrompt,
                cancellation);
    }

    @Override
    public UpscaleJob withCancellation(Cancellation cancellation) {
        return new UpscaleJob(image, scale, resemblance, detail, prompt, clientPrompt, seed, preset, magicPrompt,
                cancellation);
    }
}
