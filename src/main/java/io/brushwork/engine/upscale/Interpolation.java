package io.brushwork.engine.upscale;

import io.brushwork.engine.Cancellation;
import io.brushwork.image.ArgbImage;

/**
 * Enlarges an image by a whole factor with Lanczos-3, rows then columns, into four float planes R, G, B, A of the
 * output size (0..255, colour not premultiplied, not yet clamped).
 *
 * <p>Colour is interpolated premultiplied by alpha, so that the colour of transparent pixels (often black, or
 * anything) does not bleed into the visible ones beside them. It is interpolated in sRGB's own encoding rather
 * than linear light: the encoding is close to perceptually even, so ringing and the sharpening after it are the
 * same size to the eye in shadows and highlights, where in linear light the dark side of an edge rings most.
 *
 * <p>Lanczos's negative lobes keep edges crisp but ring beside them. Each pass can pull a value back towards the
 * range of the two source values it lies between ({@code antiring} 0 leaves it as it is, 1 clamps it there), so
 * at 1 a step stays monotonic in both directions. Alpha is always clamped: a ringing alpha would put faint
 * halos around a cut-out. Colour is unpremultiplied by an alpha clamped as the colour was, not by the output's
 * alpha: dividing a colour that rings by an alpha that does not would darken the opaque side of a cut-out.
 */
final class Interpolation {
    private Interpolation() {
    }

    static float[][] run(ArgbImage image, int scale, float antiring, Cancellation cancellation) {
        int w = image.width();
        int h = image.height();
        int outW = w * scale;
        int outH = h * scale;
        Lanczos3 across = new Lanczos3(w, scale);
        Lanczos3 down = new Lanczos3(h, scale);
        // R, G, B premultiplied and A, clamped as the colour is; then A clamped fully, for the output
        float[] strength = {antiring, antiring, antiring, antiring, 1};

        float[][] rows = new float[5][outW * h];
        int[] px = image.pixels();
        Stripes.run(h, cancellation, (from, to) -> {
            float[][] row = new float[4][w];
            for (int y = from; y < to; y++) {
                for (int x = 0; x < w; x++) {
                    int p = px[y * w + x];
                    float a = p >>> 24;
                    row[0][x] = ((p >> 16) & 0xff) * a / 255f;
                    row[1][x] = ((p >> 8) & 0xff) * a / 255f;
                    row[2][x] = (p & 0xff) * a / 255f;
                    row[3][x] = a;
                }
                for (int c = 0; c < 5; c++) {
                    float[] src = row[Math.min(c, 3)];
                    float[] dst = rows[c];
                    for (int x = 0; x < outW; x++) {
                        dst[y * outW + x] = filter(across, x, src, 0, 1, strength[c]);
                    }
                }
            }
        });

        float[][] out = new float[4][outW * outH];
        Stripes.run(outH, cancellation, (from, to) -> {
            float[] v = new float[5];
            for (int y = from; y < to; y++) {
                int at = y * outW;
                for (int x = 0; x < outW; x++) {
                    for (int c = 0; c < 5; c++) {
                        v[c] = filter(down, y, rows[c], x, outW, strength[c]);
                    }
                    // back to straight colour; a pixel with no alpha left has no colour to speak of
                    float unpremultiply = v[3] > 0 ? 255f / v[3] : 0;
                    out[0][at + x] = v[0] * unpremultiply;
                    out[1][at + x] = v[1] * unpremultiply;
                    out[2][at + x] = v[2] * unpremultiply;
                    out[3][at + x] = Math.max(0, Math.min(255, v[4]));
                }
            }
        });
        return out;
    }

    /**
     * Output position {@code at} along one axis from the source values {@code src[base + i * stride]}, pulled
     * towards the range of the two it lies between by {@code strength}.
     */
    private static float filter(Lanczos3 taps, int at, float[] src, int base, int stride, float strength) {
        int o = at * Lanczos3.TAPS;
        float sum = 0;
        for (int k = 0; k < Lanczos3.TAPS; k++) {
            sum += taps.weight[o + k] * src[base + taps.index[o + k] * stride];
        }
        float a = src[base + taps.index[o + Lanczos3.LOW] * stride];
        float b = src[base + taps.index[o + Lanczos3.HIGH] * stride];
        float lo = Math.min(a, b);
        float hi = Math.max(a, b);
        float clamped = sum < lo ? lo : Math.min(sum, hi);
        return sum + strength * (clamped - sum);
    }

    /** R, G, B, A planes to packed ARGB, rounded and clamped. */
    static int[] pack(float[][] planes) {
        int n = planes[0].length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = channel(planes[3][i]) << 24 | channel(planes[0][i]) << 16 | channel(planes[1][i]) << 8
                    | channel(planes[2][i]);
        }
        return out;
    }

    static int channel(float v) {
        int c = Math.round(v);
        return c < 0 ? 0 : Math.min(c, 255);
    }
}
