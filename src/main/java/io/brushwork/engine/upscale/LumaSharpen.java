package io.brushwork.engine.upscale;

import io.brushwork.engine.Cancellation;
import io.brushwork.image.ArgbImage;
import java.util.Arrays;

/**
 * Unsharp masking of the enlarged image's luminance, with a threshold and a bound on halos, then packing to ARGB.
 *
 * <p>The detail is the luminance less its Gaussian blur (σ of half a source pixel, which is the scale at which
 * enlarging softened it); it is shrunk towards zero by a threshold of {@value #THRESHOLD} levels so that noise and
 * JPEG's faint blocks are not sharpened with it, multiplied by the amount and added to R, G and B alike, so hues
 * stay as they were. The sharpened luminance is then kept within the range of the four source pixels the output
 * pixel lies between, widened by {@code margin} times that range: at 0 sharpening steepens edges but never
 * overshoots the source (no halos), larger margins let it ring past them, which looks crisper and strays further
 * from the source. The interpolation's own values are never pulled in by this bound, only the sharpening's.
 *
 * <p>Alpha is packed as it was interpolated: sharpening it would fringe cut-outs. In an image with alpha the blur
 * is weighted by it, so that the colour of transparent pixels does not count as a neighbour to sharpen against.
 */
final class LumaSharpen {
    static final float THRESHOLD = 1.5f;

    private LumaSharpen() {
    }

    static int[] run(float[][] planes, ArgbImage source, int scale, float amount, float margin,
            Cancellation cancellation) {
        int w = source.width();
        int h = source.height();
        int outW = w * scale;
        int outH = h * scale;
        float[] gauss = gaussian(0.5 * scale);
        int radius = gauss.length / 2;
        float[] r = planes[0];
        float[] g = planes[1];
        float[] b = planes[2];

        // With alpha, the blur is weighted by it: a transparent pixel's colour is no one's neighbour.
        boolean weighted = source.hasAlpha();
        float[] alpha = planes[3];
        float[] blurredRows = new float[outW * outH];
        float[] blurredAlpha = weighted ? new float[outW * outH] : null;
        Stripes.run(outH, cancellation, (from, to) -> {
            float[] luma = new float[outW];
            float[] weight = new float[outW];
            Arrays.fill(weight, 1);
            for (int y = from; y < to; y++) {
                int at = y * outW;
                for (int x = 0; x < outW; x++) {
                    if (weighted) {
                        weight[x] = alpha[at + x];
                    }
                    luma[x] = weight[x] * luma(r[at + x], g[at + x], b[at + x]);
                }
                for (int x = 0; x < outW; x++) {
                    float sum = 0;
                    float total = 0;
                    for (int k = 0; k < gauss.length; k++) {
                        int i = Lanczos3.clamp(x + k - radius, outW);
                        sum += gauss[k] * luma[i];
                        total += gauss[k] * weight[i];
                    }
                    blurredRows[at + x] = sum;
                    if (weighted) {
                        blurredAlpha[at + x] = total;
                    }
                }
            }
        });

        float[] sourceLuma = new float[w * h];
        int[] px = source.pixels();
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            sourceLuma[i] = luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        }
        Lanczos3 across = new Lanczos3(w, scale);
        Lanczos3 down = new Lanczos3(h, scale);
        int[] out = new int[outW * outH];
        Stripes.run(outH, cancellation, (from, to) -> {
            for (int y = from; y < to; y++) {
                int top = down.index[y * Lanczos3.TAPS + Lanczos3.LOW] * w;
                int bottom = down.index[y * Lanczos3.TAPS + Lanczos3.HIGH] * w;
                int at = y * outW;
                for (int x = 0; x < outW; x++) {
                    float blurred = 0;
                    float total = 0;
                    for (int k = 0; k < gauss.length; k++) {
                        int j = Lanczos3.clamp(y + k - radius, outH) * outW + x;
                        blurred += gauss[k] * blurredRows[j];
                        if (weighted) {
                            total += gauss[k] * blurredAlpha[j];
                        }
                    }
                    int i = at + x;
                    if (weighted) {
                        blurred = total > 0 ? blurred / total : 0;
                    }
                    float luma = luma(r[i], g[i], b[i]);
                    float detail = luma - blurred;
                    detail = detail > THRESHOLD ? detail - THRESHOLD : detail < -THRESHOLD ? detail + THRESHOLD : 0;
                    float sharpened = luma + amount * detail;

                    int left = across.index[x * Lanczos3.TAPS + Lanczos3.LOW];
                    int right = across.index[x * Lanczos3.TAPS + Lanczos3.HIGH];
                    float a = sourceLuma[top + left];
                    float c = sourceLuma[top + right];
                    float d = sourceLuma[bottom + left];
                    float e = sourceLuma[bottom + right];
                    float lo = Math.min(Math.min(a, c), Math.min(d, e));
                    float hi = Math.max(Math.max(a, c), Math.max(d, e));
                    float slack = margin * (hi - lo);
                    float floor = Math.min(lo - slack, luma);
                    float ceiling = Math.max(hi + slack, luma);
                    float delta = (sharpened < floor ? floor : Math.min(sharpened, ceiling)) - luma;

                    out[i] = Interpolation.channel(planes[3][i]) << 24 | Interpolation.channel(r[i] + delta) << 16
                            | Interpolation.channel(g[i] + delta) << 8 | Interpolation.channel(b[i] + delta);
                }
            }
        });
        return out;
    }

    private static float luma(float r, float g, float b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    /** Normalised weights out to 3σ. */
    private static float[] gaussian(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] w = new double[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            w[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            total += w[k + radius];
        }
        float[] out = new float[w.length];
        for (int k = 0; k < w.length; k++) {
            out[k] = (float) (w[k] / total);
        }
        return out;
    }
}
