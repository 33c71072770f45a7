package io.brushwork.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a client asks a model to do. Each of Ideogram's image routes is one operation; a backend says which it
 * serves ({@link InpaintEngine#operations()}), and a model's route for an operation lists only backends that serve it.
 */
public enum Operation {
    /** Repaint the masked region of a photo ({@code /edit}, V3 {@code edit} and {@code inpaint}). */
    EDIT,
    /** Extend a photo to a new size, filling the new border ({@code /reframe}, V3 {@code reframe}). */
    REFRAME,
    /** Make a photo larger ({@code /upscale}). */
    UPSCALE,
    /** Make images from a prompt alone ({@code /generate}, V3 {@code generate}). */
    GENERATE,
    /** Make images from a prompt and a photo ({@code /remix}, V3 {@code remix}). */
    REMIX,
    /** Keep a photo's subject and paint a new background behind it (V3 {@code replace-background}). */
    REPLACE_BACKGROUND;

    /** As written in the config file and in {@code /v1/models}: {@code edit}, {@code replace-background}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Operation> ofKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key().equals(key)).findFirst();
    }
}
