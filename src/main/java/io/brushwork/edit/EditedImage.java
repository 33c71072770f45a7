package io.brushwork.edit;

import io.brushwork.prompt.StyleType;

/**
 * One result of an edit, encoded as PNG.
 *
 * @param png    the image; null when it failed the image safety check (its pixels are not kept), and in the
 *               pipeline's result, since each image's bytes go to the store as soon as it is made
 * @param prompt the prompt used for this image (the client's, or its Magic Prompt rewrite)
 */
public record EditedImage(int seed, byte[] png, int width, int height, String prompt, StyleType styleType,
                          boolean safe) {
    public String resolution() {
        return width + "x" + height;
    }

    /** The same result without its bytes, once they have been handed on. */
    EditedImage withoutPng() {
        return new EditedImage(seed, null, width, height, prompt, styleType, safe);
    }
}
