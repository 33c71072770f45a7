package io.brushwork.edit;

import io.brushwork.prompt.StyleType;
import java.util.Optional;

/**
 * One result of an edit, encoded as PNG.
 *
 * @param png    the image; null when it failed the image safety check (its pixels are not kept), and in the
 *               pipeline's result, since each image's bytes go to the store as soon as it is made
 * @param prompt the prompt used for this image (the client's, or its Magic Prompt rewrite)
 * @param before for an upscale, the photo's size before it ({@code WxH}): Ideogram answers it as
 *               {@code resolution} and the new size as {@code upscaled_resolution}
 */
public record EditedImage(int seed, byte[] png, int width, int height, String prompt, StyleType styleType,
                          boolean safe, Optional<String> before) {
    public EditedImage(int seed, byte[] png, int width, int height, String prompt, StyleType styleType,
                       boolean safe) {
        this(seed, png, width, height, prompt, styleType, safe, Optional.empty());
    }

    public String resolution() {
        return width + "x" + height;
    }

    /** The same result without its bytes, once they have been handed on. */
    EditedImage withoutPng() {
        return new EditedImage(seed, null, width, height, prompt, styleType, safe, before);
    }
}
