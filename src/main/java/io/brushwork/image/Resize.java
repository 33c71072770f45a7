package io.brushwork.image;

/**
 * Resizing for backends that work at another size than the photo's (providers with fixed output sizes, models that
 * need multiples of 8). Quality matters little here: the pipeline puts every known pixel back afterwards, so only
 * the hole's pixels come from a resized image.
 */
public final class Resize {
    private Resize() {
    }

    /**
     * Bilinear resampling with pixel centres aligned (the corners of both images coincide), each ARGB channel
     * interpolated on its own. Returns the image itself when the size already matches. Shrinking by more than half
     * skips source pixels, which is acceptable for an image the pipeline only takes the hole from.
     */
    public static ArgbImage bilinear(ArgbImage image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        if (image.width() == width && image.height() == height) {
            return image;
        }
        int sw = image.width();
        int sh = image.height();
        int[] src = image.pixels();
        int[] out = new int[width * height];
        // Source coordinate of each target column, computed once: x0, x1 and the weight of x1 in 1/256.
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        int[] wx = new int[width];
        for (int x = 0; x < width; x++) {
            double sx = clamp((x + 0.5) * sw / width - 0.5, sw - 1);
            x0[x] = (int) sx;
            x1[x] = Math.min(x0[x] + 1, sw - 1);
            wx[x] = (int) Math.round((sx - x0[x]) * 256);
        }
        for (int y = 0; y < height; y++) {
            double sy = clamp((y + 0.5) * sh / height - 0.5, sh - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, sh - 1);
            int wy = (int) Math.round((sy - y0) * 256);
            int row0 = y0 * sw;
            int row1 = y1 * sw;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = blend(src[row0 + x0[x]], src[row0 + x1[x]], src[row1 + x0[x]],
                        src[row1 + x1[x]], wx[x], wy);
            }
        }
        return new ArgbImage(width, height, out, image.hasAlpha());
    }

    /**
     * Resizes a mask so that a target pixel is a hole when any source pixel it covers is one. Erring towards hole
     * is safe (the pipeline restores known pixels) while losing a thin stroke when shrinking would not be.
     */
    public static Mask mask(Mask mask, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        if (mask.width() == width && mask.height() == height) {
            return mask;
        }
        int sw = mask.width();
        int sh = mask.height();
        boolean[] out = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            int fromY = (int) ((long) y * sh / height);
            int toY = Math.max(fromY + 1, (int) (((long) (y + 1) * sh + height - 1) / height));
            for (int x = 0; x < width; x++) {
                int fromX = (int) ((long) x * sw / width);
                int toX = Math.max(fromX + 1, (int) (((long) (x + 1) * sw + width - 1) / width));
                out[y * width + x] = anyHole(mask, fromX, Math.min(toX, sw), fromY, Math.min(toY, sh));
            }
        }
        return new Mask(width, height, out);
    }

    private static boolean anyHole(Mask mask, int fromX, int toX, int fromY, int toY) {
        for (int y = fromY; y < toY; y++) {
            for (int x = fromX; x < toX; x++) {
                if (mask.isHole(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    /** Interpolates four ARGB pixels channel by channel; weights are in 1/256. */
    private static int blend(int p00, int p01, int p10, int p11, int wx, int wy) {
        int result = 0;
        for (int shift = 0; shift < 32; shift += 8) {
            int c00 = (p00 >>> shift) & 0xff;
            int c01 = (p01 >>> shift) & 0xff;
            int c10 = (p10 >>> shift) & 0xff;
            int c11 = (p11 >>> shift) & 0xff;
            int top = c00 * (256 - wx) + c01 * wx;
            int bottom = c10 * (256 - wx) + c11 * wx;
            int c = (top * (256 - wy) + bottom * wy + (1 << 15)) >> 16;
            result |= c << shift;
        }
        return result;
    }
}
