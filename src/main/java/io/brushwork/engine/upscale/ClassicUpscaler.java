package io.brushwork.engine.upscale;

import io.brushwork.engine.Cancellation;
import io.brushwork.image.ArgbImage;

/**
 * Enlarges a photo 2, 3 or 4 times with no model: Lanczos-3 interpolation with ringing control
 * ({@link Interpolation}), then unsharp masking of the luminance with a threshold and a bound on halos
 * ({@link LumaSharpen}). It invents no texture; it makes the edges the photo has as crisp as the pixels allow.
 *
 * <p>Ideogram's two knobs, each 1..100, default 50:
 * <ul>
 *   <li>{@code resemblance}: how closely the result keeps to the source's values. At 100 nothing leaves the range
 *       of the 2x2 source pixels an output pixel lies between (each channel in the interpolation, the luminance in
 *       the sharpening): Lanczos's ringing is clamped and sharpening steepens edges without a halo. Lower values
 *       let both ring past that range (the sharpening by up to 30% of the local contrast at 1, Lanczos by its full
 *       lobes), which reads as crisper, re-drawn edges and strays further from the source.</li>
 *   <li>{@code detail}: how much sharpening: the unsharp mask's amount, {@code detail / 50} times
 *       {@value #AMOUNT} (1.0 at 100, none to speak of at 1).</li>
 * </ul>
 *
 * <p>Deterministic: rows are made in parallel stripes on the caller's fork-join pool, each from finished inputs
 * only, in a fixed order of arithmetic, so the same image gives the same bytes whatever the number of threads.
 * A cancelled job stops at the next stripe. Alpha is interpolated (clamped, never sharpened) and kept.
 */
public final class ClassicUpscaler {
    /**
     * The unsharp amount at {@code detail} 50: about where the result comes closest to the original in
     * {@code bench upscale} (PSNR flat from 0.5 to 0.8 on the photos), and below where a zone plate's rings
     * start to overshoot (0.6 lost 2 dB there).
     */
    static final float AMOUNT = 0.5f;
    /** The halo margin, as a share of the local range, at {@code resemblance} 1 (0 at 100). */
    static final float MARGIN = 0.3f;

    private ClassicUpscaler() {
    }

    /**
     * @param scale       2, 3 or 4: the output is exactly {@code scale} times the input in each direction
     * @param resemblance 1..100, how closely the output keeps to the source's values (see the class comment)
     * @param detail      1..100, how much it sharpens
     * @throws io.brushwork.engine.BackendException of kind FAILED when the job is cancelled
     */
    public static ArgbImage upscale(ArgbImage image, int scale, int resemblance, int detail,
            Cancellation cancellation) {
        checkSize(image, scale);
        checkPercent("resemblance", resemblance);
        checkPercent("detail", detail);
        float closeness = (resemblance - 1) / 99f;
        return upscale(image, scale, closeness, AMOUNT * detail / 50f, MARGIN * (1 - closeness), cancellation);
    }

    /** The knobs as the steps take them: clamp strength 0..1, unsharp amount, halo margin. */
    static ArgbImage upscale(ArgbImage image, int scale, float antiring, float amount, float margin,
            Cancellation cancellation) {
        float[][] planes = Interpolation.run(image, scale, antiring, cancellation);
        int[] out = LumaSharpen.run(planes, image, scale, amount, margin, cancellation);
        return new ArgbImage(image.width() * scale, image.height() * scale, out, image.hasAlpha());
    }

    /**
     * The first step alone: plain Lanczos-3, ringing unclamped (alpha's excepted), no sharpening. For comparison,
     * and for callers that want an enlargement that adds nothing.
     */
    public static ArgbImage lanczos(ArgbImage image, int scale, Cancellation cancellation) {
        checkSize(image, scale);
        int[] out = Interpolation.pack(Interpolation.run(image, scale, 0, cancellation));
        return new ArgbImage(image.width() * scale, image.height() * scale, out, image.hasAlpha());
    }

    /**
     * Heap for one call, per output pixel: the four interpolated planes (16 bytes), the blurred luminance (4, and
     * 4 more for the blurred alpha of an image with alpha) and the packed result (4), plus the first pass's five
     * planes of the output's width and the source's height, which may not be collected yet when the later ones
     * are made. Counted with alpha, whether or not the image has it.
     */
    public static long workingBytes(int width, int height, int scale) {
        long outW = (long) width * scale;
        long outPixels = outW * height * scale;
        return outPixels * 28 + outW * height * 20;
    }

    private static void checkSize(ArgbImage image, int scale) {
        if (scale < 2 || scale > 4) {
            throw new IllegalArgumentException("upscale factor must be 2, 3 or 4, got " + scale);
        }
        // a plane of the output is one Java array
        if ((long) image.width() * image.height() * scale * scale > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(image.resolution() + " enlarged " + scale + " times is too large");
        }
    }

    private static void checkPercent(String name, int value) {
        if (value < 1 || value > 100) {
            throw new IllegalArgumentException(name + " must be 1..100, got " + value);
        }
    }
}
