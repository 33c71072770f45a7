package io.brushwork.engine;

import io.brushwork.image.ArgbImage;
import java.util.Optional;

/**
 * What a backend made of an {@link InpaintJob}: the image, and what a provider reported about it.
 *
 * @param prompt the prompt the backend says it used (a provider's own rewrite); empty to keep the job's
 * @param safe   false when the backend itself judged the image unsafe
 */
public record Inpainted(ArgbImage image, Optional<String> prompt, boolean safe) {
    public static Inpainted of(ArgbImage image) {
        return new Inpainted(image, Optional.empty(), true);
    }
}
