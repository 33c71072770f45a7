package io.brushwork.engine.onnx;

/**
 * Resizes one float plane from one size to another, bilinear as PIL's {@code Image.resize(..., BILINEAR)} computes
 * it: each output pixel is a triangle-weighted average whose footprint widens with the shrink factor, so every
 * source pixel counts when shrinking (a textbook four-pixel lookup would skip most of them and alias). When
 * enlarging it is the usual two-tap interpolation with pixel centres at half-integers. Done as two separable
 * passes, rows then columns, with the weights worked out once per axis.
 */
final class Resample {
    private final int srcW;
    private final int srcH;
    private final int dstW;
    private final int dstH;
    private final Axis horizontal;
    private final Axis vertical;

    Resample(int srcW, int srcH, int dstW, int dstH) {
        this.srcW = srcW;
        this.srcH = srcH;
        this.dstW = dstW;
        this.dstH = dstH;
        this.horizontal = new Axis(srcW, dstW);
        this.vertical = new Axis(srcH, dstH);
    }

    float[] apply(float[] src) {
        float[] rows = new float[dstW * srcH];
        for (int y = 0; y < srcH; y++) {
            int in = y * srcW;
            int out = y * dstW;
            for (int x = 0; x < dstW; x++) {
                int first = horizontal.first[x];
                int base = x * horizontal.taps;
                float sum = 0;
                for (int k = 0; k < horizontal.count[x]; k++) {
                    sum += horizontal.weights[base + k] * src[in + first + k];
                }
                rows[out + x] = sum;
            }
        }
        float[] dst = new float[dstW * dstH];
        for (int y = 0; y < dstH; y++) {
            int first = vertical.first[y];
            int base = y * vertical.taps;
            int out = y * dstW;
            for (int k = 0; k < vertical.count[y]; k++) {
                float weight = vertical.weights[base + k];
                int in = (first + k) * dstW;
                for (int x = 0; x < dstW; x++) {
                    dst[out + x] += weight * rows[in + x];
                }
            }
        }
        return dst;
    }

    /** The source span and normalised weights of every output position along one axis. */
    private static final class Axis {
        final int[] first;
        final int[] count;
        final float[] weights;
        final int taps;

        Axis(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(1, scale);
            double support = filterScale; // the triangle's radius, in source pixels
            taps = (int) Math.ceil(support) * 2 + 1;
            first = new int[out];
            count = new int[out];
            weights = new float[out * taps];
            double[] w = new double[taps];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) (centre - support + 0.5));
                int hi = Math.min(in, (int) (centre + support + 0.5));
                double total = 0;
                int n = hi - lo;
                for (int k = 0; k < n; k++) {
                    double d = Math.abs((lo + k - centre + 0.5) / filterScale);
                    w[k] = d < 1 ? 1 - d : 0;
                    total += w[k];
                }
                first[i] = lo;
                count[i] = n;
                for (int k = 0; k < n; k++) {
                    weights[i * taps + k] = (float) (total > 0 ? w[k] / total : 0);
                }
            }
        }
    }
}
