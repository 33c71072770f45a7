package io.brushwork.safety;

import io.brushwork.image.ArgbImage;

/**
 * Turns an image into a classifier's input tensor: resized to the model's size, RGB scaled to 0..1, normalised
 * per channel as {@code (x - mean) / std}, and laid out NCHW or NHWC.
 *
 * <p>Alpha is ignored: the colour values are classified as they are stored. A PNG keeps its colours under
 * transparent pixels and anyone can drop the alpha channel, so what a classifier must judge is the colours; and
 * it is what {@code PIL.Image.convert("RGB")}, the usual training pipeline, does.
 *
 * <p>The resize is bilinear as PIL's {@code Image.resize(..., BILINEAR)} computes it, which is what most exported
 * classifiers were trained with: each output pixel is a triangle-weighted average whose footprint widens with the
 * shrink factor, so every source pixel counts. A textbook four-pixel bilinear lookup would read 4 of the ~300
 * pixels behind each output pixel when a 4000x3000 photo becomes 224x224, and alias badly. When enlarging, the
 * two agree (pixel centres at half-integers).
 */
final class ClassifierInput {
    private ClassifierInput() {
    }

    static float[] tensor(ArgbImage image, ClassifierSettings settings) {
        int w = settings.inputWidth();
        int h = settings.inputHeight();
        float[] rgb = resize(image, w, h);
        float[] mean = settings.mean();
        float[] std = settings.std();
        float[] out = new float[3 * w * h];
        int plane = w * h;
        boolean nchw = settings.layout() == ClassifierSettings.Layout.NCHW;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float v = (rgb[i * 3 + c] / 255f - mean[c]) / std[c];
                out[nchw ? c * plane + i : i * 3 + c] = v;
            }
        }
        return out;
    }

    /** Resizes to {@code w x h}; returns interleaved R, G, B in 0..255, row by row. */
    static float[] resize(ArgbImage image, int w, int h) {
        int srcW = image.width();
        int srcH = image.height();
        int[] px = image.pixels();
        Taps across = Taps.of(srcW, w);
        Taps down = Taps.of(srcH, h);

        // horizontal pass: every source row to the new width
        float[] rows = new float[srcH * w * 3];
        for (int y = 0; y < srcH; y++) {
            int rowStart = y * srcW;
            for (int x = 0; x < w; x++) {
                int first = across.first[x];
                int count = across.count[x];
                int wi = x * across.stride;
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = 0; k < count; k++) {
                    int p = px[rowStart + first + k];
                    float weight = across.weights[wi + k];
                    r += weight * ((p >> 16) & 0xff);
                    g += weight * ((p >> 8) & 0xff);
                    b += weight * (p & 0xff);
                }
                int o = (y * w + x) * 3;
                rows[o] = r;
                rows[o + 1] = g;
                rows[o + 2] = b;
            }
        }

        // vertical pass: the resized rows to the new height
        float[] out = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            int first = down.first[y];
            int count = down.count[y];
            int wi = y * down.stride;
            for (int k = 0; k < count; k++) {
                float weight = down.weights[wi + k];
                int src = (first + k) * w * 3;
                int dst = y * w * 3;
                for (int i = 0; i < w * 3; i++) {
                    out[dst + i] += weight * rows[src + i];
                }
            }
        }
        return out;
    }

    /** For each output position along one axis: the first source index, how many follow, and their weights. */
    private static final class Taps {
        final int[] first;
        final int[] count;
        final float[] weights;
        final int stride;

        private Taps(int[] first, int[] count, float[] weights, int stride) {
            this.first = first;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Taps of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0); // the triangle widens only when shrinking
            double support = filterScale; // a triangle reaches one (scaled) pixel each way
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[out];
            int[] count = new int[out];
            float[] weights = new float[out * stride];
            for (int o = 0; o < out; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - support + 0.5));
                int hi = Math.min(in, (int) Math.floor(center + support + 0.5));
                // the nearest source centre is at most half a pixel away, so total > 0
                double total = 0;
                double[] w = new double[hi - lo];
                for (int i = lo; i < hi; i++) {
                    double t = Math.abs((i + 0.5 - center) / filterScale);
                    w[i - lo] = Math.max(0, 1 - t);
                    total += w[i - lo];
                }
                first[o] = lo;
                count[o] = w.length;
                for (int k = 0; k < w.length; k++) {
                    weights[o * stride + k] = (float) (w[k] / total);
                }
            }
            return new Taps(first, count, weights, stride);
        }
    }
}
