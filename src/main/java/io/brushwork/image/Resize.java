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
     * Bilinear resampling as {@link Resample} does it, each ARGB channel on its own: pixel centres at half-integers
     * when enlarging, a triangle as wide as the shrink when shrinking, so no source pixel is skipped. Returns the
     * image itself when the size already matches.
     */
    public static ArgbImage bilinear(ArgbImage image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        if (image.width() == width && image.height() == height) {
            return image;
        }
        int[] out = new Resample(image.width(), image.height(), width, height).argb(image.pixels());
        return new ArgbImage(width, height, out, image.hasAlpha());
    }

    /**
     * The image cut to the shape of {@code width x height} about its centre, then resized to it: a remix to
     * another shape, as Ideogram's documentation says, crops rather than stretches. Returns the image itself when
     * the size already matches.
     */
    public static ArgbImage cover(ArgbImage image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        int w = image.width();
        int h = image.height();
        // Keep the whole of one side and cut the other to the target's shape (shapes compared as products).
        int cropW = w;
        int cropH = h;
        if ((long) w * height > (long) h * width) {
            cropW = (int) Math.max(1, Math.min(w, Math.round((double) h * width / height)));
        } else if ((long) w * height < (long) h * width) {
            cropH = (int) Math.max(1, Math.min(h, Math.round((double) w * height / width)));
        }
        if (cropW == w && cropH == h) {
            return bilinear(image, width, height);
        }
        int left = (w - cropW) / 2;
        int top = (h - cropH) / 2;
        int[] src = image.pixels();
        int[] cut = new int[cropW * cropH];
        for (int y = 0; y < cropH; y++) {
            System.arraycopy(src, (top + y) * w + left, cut, y * cropW, cropW);
        }
        return bilinear(new ArgbImage(cropW, cropH, cut, image.hasAlpha()), width, height);
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
}
