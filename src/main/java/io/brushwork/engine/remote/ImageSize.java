package io.brushwork.engine.remote;

import java.util.List;

/** An output size a provider accepts, written {@code WIDTHxHEIGHT} as OpenAI's {@code size} field is. */
record ImageSize(int width, int height) {
    public ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
    }

    /** Reads {@code 1024x1536}. */
    public static ImageSize parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 2) {
                return new ImageSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("an image size is written WIDTHxHEIGHT, like 1024x1536; got " + text);
    }

    /**
     * The size to send an image of {@code width x height} at: first the closest aspect ratio (compared as
     * logarithms, so 2:1 and 1:2 are equally far from 1:1); among sizes of that aspect, the smallest at least as
     * large as the image on both sides, or the largest if none is.
     */
    static ImageSize closest(List<ImageSize> sizes, int width, int height) {
        double aspect = Math.log((double) width / height);
        double best = Double.MAX_VALUE;
        for (ImageSize s : sizes) {
            best = Math.min(best, Math.abs(Math.log((double) s.width / s.height) - aspect));
        }
        ImageSize covering = null;
        ImageSize largest = null;
        for (ImageSize s : sizes) {
            if (Math.abs(Math.log((double) s.width / s.height) - aspect) > best + 1e-9) {
                continue;
            }
            if (s.width >= width && s.height >= height && (covering == null || s.area() < covering.area())) {
                covering = s;
            }
            if (largest == null || s.area() > largest.area()) {
                largest = s;
            }
        }
        return covering != null ? covering : largest;
    }

    long area() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
