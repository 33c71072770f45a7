package io.brushwork.engine.remote;

import io.brushwork.engine.BackendException.Kind;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.Mask;
import io.brushwork.image.PngEncoder;
import io.brushwork.image.Resize;
import java.util.Base64;

/** Images on their way to and from providers: encodings, mask conventions, and results brought back to size. */
final class ProviderImages {
    /**
     * Working memory per pixel of a remote edit: the image and mask as PNG and as base64 (and as a JSON string),
     * the answer's bytes and base64, the decoded result and its resized copy. Generous, since PNG of noise is
     * larger than raw pixels.
     */
    private static final long BYTES_PER_PIXEL = 48;
    /** Results may be larger than the input (fixed provider sizes) but not without bound. */
    private static final long MIN_RESULT_PIXEL_LIMIT = 16L * 1024 * 1024;

    private ProviderImages() {
    }

    static long workingBytes(long pixels) {
        return pixels * BYTES_PER_PIXEL;
    }

    static long pixels(ArgbImage image) {
        return (long) image.width() * image.height();
    }

    static byte[] png(ArgbImage image) {
        return PngEncoder.encode(image);
    }

    static String base64Png(ArgbImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }

    /** The mask in a provider's convention: {@code holeArgb} where Brushwork repaints, {@code keepArgb} elsewhere. */
    static ArgbImage maskImage(Mask mask, int holeArgb, int keepArgb, boolean alpha) {
        boolean[] hole = mask.cells();
        int[] px = new int[hole.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = hole[i] ? holeArgb : keepArgb;
        }
        return new ArgbImage(mask.width(), mask.height(), px, alpha);
    }

    /** A stand-in of {@code width x height} for a result that has no pixels (one the provider judged unsafe). */
    static ArgbImage blank(int width, int height) {
        return new ArgbImage(width, height, new int[width * height], false);
    }

    /** Decodes base64 as providers send it: plain, wrapped in lines, or as a {@code data:} URL. */
    static byte[] base64(String text, Upstream upstream, String field) {
        String payload = text.startsWith("data:") && text.indexOf(',') > 0 ? text.substring(text.indexOf(',') + 1)
                : text;
        try {
            return Base64.getMimeDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw upstream.failure(Kind.FAILED, "the answer's " + field + " is not base64", e);
        }
    }

    /**
     * Decodes a provider's result and brings it to the input's size: providers with fixed sizes, or models that
     * round to multiples of 8, answer at another size, and the pipeline needs the input's to restore known pixels.
     */
    static ArgbImage result(byte[] bytes, ArgbImage input, Upstream upstream) {
        return result(bytes, input.width(), input.height(), upstream);
    }

    /** Decodes a provider's result and brings it to {@code width x height}: the size the job asked for. */
    static ArgbImage result(byte[] bytes, int width, int height, Upstream upstream) {
        ImageDecoder decoder = new ImageDecoder(Math.max(MIN_RESULT_PIXEL_LIMIT, 4L * width * height));
        ArgbImage decoded;
        try {
            decoded = decoder.decode(bytes);
        } catch (InvalidImageException e) {
            throw upstream.failure(Kind.FAILED, "the answer's image " + e.getMessage(), null);
        }
        return Resize.bilinear(decoded, width, height);
    }
}
