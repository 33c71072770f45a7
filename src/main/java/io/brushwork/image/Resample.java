package io.brushwork.image;

import java.util.function.IntConsumer;

/**
 * Resizes pixel data from one size to another, bilinear as PIL's {@code Image.resize(..., BILINEAR)} computes it:
 * each output pixel is a triangle-weighted average whose footprint widens with the shrink factor, so every source
 * pixel counts when shrinking (a textbook four-pixel lookup would read 4 of the ~300 pixels behind each output
 * pixel when a 4000x3000 photo becomes 224x224, and alias). When enlarging it is the usual two-tap interpolation
 * with pixel centres at half-integers, so the corner pixels keep their values.
 *
 * <p>Two separable passes, rows then columns, with the weights worked out once per axis when the resampler is made;
 * one resampler serves any number of images of its two sizes. Output rows are made one at a time from the few
 * source rows they need, so the working memory is a handful of rows, not a second image. Arithmetic is in float in
 * a fixed order: the same input gives the same output, bit for bit.
 */
public final class Resample {
    private final int srcW;
    private final int srcH;
    private final int dstW;
    private final int dstH;
    private final Axis across;
    private final Axis down;

    public Resample(int srcW, int srcH, int dstW, int dstH) {
        if (srcW <= 0 || srcH <= 0 || dstW <= 0 || dstH <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + srcW + "x" + srcH + " to " + dstW + "x"
                    + dstH);
        }
        this.srcW = srcW;
        this.srcH = srcH;
        this.dstW = dstW;
        this.dstH = dstH;
        this.across = new Axis(srcW, dstW);
        this.down = new Axis(srcH, dstH);
    }

    /** One plane of {@code srcW x srcH} values, row by row; returns {@code dstW x dstH} values. */
    public float[] plane(float[] src) {
        checkLength(src.length);
        float[] out = new float[dstW * dstH];
        run(1, (y, into, at) -> planeRow(src, y, into, at), out, null);
        return out;
    }

    /** ARGB pixels to interleaved R, G, B in 0..255 (not rounded), row by row; alpha is dropped. */
    public float[] rgb(int[] argb) {
        checkLength(argb.length);
        float[] out = new float[dstW * dstH * 3];
        run(3, (y, into, at) -> argbRow(argb, y, false, into, at), out, null);
        return out;
    }

    /** ARGB pixels to ARGB pixels, each of the four channels resampled on its own and rounded. */
    public int[] argb(int[] argb) {
        checkLength(argb.length);
        int[] out = new int[dstW * dstH];
        float[] row = new float[dstW * 4];
        run(4, (y, into, at) -> argbRow(argb, y, true, into, at), row, y -> {
            int o = y * dstW;
            for (int x = 0; x < dstW; x++) {
                int i = x * 4;
                out[o + x] = channel(row[i + 3]) << 24 | channel(row[i]) << 16 | channel(row[i + 1]) << 8
                        | channel(row[i + 2]);
            }
        });
        return out;
    }

    /** The horizontal pass of one source row: {@code dstW} pixels of interleaved channels at {@code at}. */
    private interface SourceRow {
        void resample(int y, float[] into, int at);
    }

    /**
     * The vertical pass, into {@code out}: all output rows one after another, or, when {@code out} holds one row,
     * that row for each in turn, {@code rowDone} being told when it is finished. Source rows are resampled across
     * as the output rows come to need them, into a ring as deep as the widest footprint: the footprints only move
     * down, so a row is dropped only once no later output row reads it.
     */
    private void run(int channels, SourceRow source, float[] out, IntConsumer rowDone) {
        int width = dstW * channels;
        int taps = down.taps;
        float[] ring = new float[taps * width];
        int next = 0; // the next source row not yet resampled across (or skipped)
        for (int y = 0; y < dstH; y++) {
            int first = down.first[y];
            int end = first + down.count[y];
            for (next = Math.max(next, first); next < end; next++) {
                source.resample(next, ring, (next % taps) * width);
            }
            int at = out.length == width ? 0 : y * width;
            int base = y * taps - first;
            // the first tap sets the row, so a reused row needs no clearing
            float weight = down.weights[base + first];
            int in = (first % taps) * width;
            for (int i = 0; i < width; i++) {
                out[at + i] = weight * ring[in + i];
            }
            for (int k = first + 1; k < end; k++) {
                weight = down.weights[base + k];
                in = (k % taps) * width;
                for (int i = 0; i < width; i++) {
                    out[at + i] += weight * ring[in + i];
                }
            }
            if (rowDone != null) {
                rowDone.accept(y);
            }
        }
    }

    private void planeRow(float[] src, int y, float[] into, int at) {
        int[] firsts = across.first;
        int[] counts = across.count;
        float[] weights = across.weights;
        int in = y * srcW;
        for (int x = 0; x < dstW; x++) {
            int first = in + firsts[x];
            int base = x * across.taps;
            float sum = 0;
            for (int k = 0; k < counts[x]; k++) {
                sum += weights[base + k] * src[first + k];
            }
            into[at + x] = sum;
        }
    }

    /** R, G, B and, when {@code alpha}, A: callers that drop alpha would pay a third more for it. */
    private void argbRow(int[] px, int y, boolean alpha, float[] into, int at) {
        int[] firsts = across.first;
        int[] counts = across.count;
        float[] weights = across.weights;
        int in = y * srcW;
        int channels = alpha ? 4 : 3;
        for (int x = 0; x < dstW; x++) {
            int first = in + firsts[x];
            int base = x * across.taps;
            float r = 0;
            float g = 0;
            float b = 0;
            float a = 0;
            for (int k = 0; k < counts[x]; k++) {
                int p = px[first + k];
                float weight = weights[base + k];
                r += weight * ((p >> 16) & 0xff);
                g += weight * ((p >> 8) & 0xff);
                b += weight * (p & 0xff);
                if (alpha) {
                    a += weight * (p >>> 24);
                }
            }
            int o = at + x * channels;
            into[o] = r;
            into[o + 1] = g;
            into[o + 2] = b;
            if (alpha) {
                into[o + 3] = a;
            }
        }
    }

    private void checkLength(int length) {
        if (length != srcW * srcH) {
            throw new IllegalArgumentException("expected " + srcW + "x" + srcH + " values, got " + length);
        }
    }

    private static int channel(float v) {
        int c = Math.round(v);
        return c < 0 ? 0 : Math.min(c, 255);
    }

    /** The source span and normalised weights of every output position along one axis. */
    private static final class Axis {
        final int[] first;
        final int[] count;
        final float[] weights;
        /** Room per output position in {@link #weights}: the most source pixels one can span. */
        final int taps;

        Axis(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(1, scale); // the triangle widens only when shrinking
            double support = filterScale; // its radius, in source pixels
            taps = (int) Math.ceil(support) * 2 + 1;
            first = new int[out];
            count = new int[out];
            weights = new float[out * taps];
            double[] w = new double[taps];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) (centre - support + 0.5));
                int hi = Math.min(in, (int) (centre + support + 0.5));
                int n = hi - lo;
                // the nearest source centre is at most half a pixel away, so the total is positive
                double total = 0;
                for (int k = 0; k < n; k++) {
                    double d = Math.abs((lo + k - centre + 0.5) / filterScale);
                    w[k] = d < 1 ? 1 - d : 0;
                    total += w[k];
                }
                first[i] = lo;
                count[i] = n;
                for (int k = 0; k < n; k++) {
                    weights[i * taps + k] = (float) (w[k] / total);
                }
            }
        }
    }
}
