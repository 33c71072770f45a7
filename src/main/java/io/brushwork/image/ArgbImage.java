package io.brushwork.image;

/**
 * A decoded image as packed 8-bit ARGB pixels, row by row. The pixel array is shared, not copied: engines that
 * change pixels work on a {@link #copy()}.
 */
public final class ArgbImage {
    private final int width;
    private final int height;
    private final int[] pixels;
    private final boolean hasAlpha;

    public ArgbImage(int width, int height, int[] pixels, boolean hasAlpha) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
        this.hasAlpha = hasAlpha;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Packed ARGB, index {@code y * width + x}. Opaque images have alpha 255 everywhere. */
    public int[] pixels() {
        return pixels;
    }

    /** Whether the source had an alpha channel; the PNG written for it keeps one if so. */
    public boolean hasAlpha() {
        return hasAlpha;
    }

    /** One packed ARGB pixel composited over white: opaque, as a reader without alpha should see it. */
    public static int overWhite(int argb) {
        int a = argb >>> 24;
        return 0xFF000000 | overWhite((argb >> 16) & 0xFF, a) << 16 | overWhite((argb >> 8) & 0xFF, a) << 8
                | overWhite(argb & 0xFF, a);
    }

    private static int overWhite(int c, int alpha) {
        return (c * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    public ArgbImage copy() {
        return new ArgbImage(width, height, pixels.clone(), hasAlpha);
    }

    public String resolution() {
        return width + "x" + height;
    }
}
