package io.brushwork.edit;

import io.brushwork.prompt.StyleType;

/**
 * One result of an edit, encoded as PNG.
 *
 * @param png    the image, or null when it failed the image safety check (its pixels are not kept)
 * @param prompt the prompt used for this image (the client's, or its Magic Prompt rewrite)
 */
public record EditedImage(int seed, byte[] png, int width, int height, String prompt, StyleType styleType,
                          boolean safe) {
    public String resolution() {
        return width + "x" + height;
    }
}
