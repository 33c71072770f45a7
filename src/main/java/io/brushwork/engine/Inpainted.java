package io.brushwork.engine;

import io.brushwork.image.ArgbImage;
import java.util.Optional;

/**
 * What a backend made of an {@link InpaintJob}: the image, and what a provider reported about it.
 *
 * @param prompt  the prompt the backend says it used (a provider's own rewrite); empty to keep the job's
 * @param safe    false when the backend itself judged the image unsafe
 * @param backend which backend made it: a route always says; empty from an engine called on its own
 */
public record Inpainted(ArgbImage image, Optional<String> prompt, boolean safe, Optional<String> backend) {
    public Inpainted(ArgbImage image, Optional<String> prompt, boolean safe) {
        this(image, prompt, safe, Optional.empty());
    }

    public static Inpainted of(ArgbImage image) {
        return new Inpainted(image, Optional.empty(), true);
    }

    public Inpainted servedBy(String name) {
        return backend.isPresent() ? this : new Inpainted(image, prompt, safe, Optional.of(name));
    }
}
