package io.brushwork.engine.onnx;

import io.brushwork.engine.onnx.HoleCrops.Crop;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.image.Resample;

/**
 * Fills one crop's holes with a model: cuts the crop out as float planes, brings it to the size the model takes,
 * runs it, brings the result back and writes the crop's own hole pixels. Nothing else of the image is written, so
 * known pixels stay exactly as they were and crops that overlap cannot disturb each other's results.
 *
 * <p>For a fixed-size model the crop is resized (bilinear for the colours). The mask is resized by the same filter
 * and any model pixel that a hole reaches at all counts as a hole: nearest-neighbour would drop a one-pixel scratch
 * when shrinking, the model would leave it as it was, and the scratch would be pasted back. For a model that takes
 * any size the crop is used at its native resolution, padded by repeating its last row and column when the image
 * is too small to reach the model's size multiple.
 *
 * <p>Filled pixels are written opaque: the model paints colour, not transparency, and a hole in a transparent area
 * filled with transparent pixels would look unfilled.
 */
final class CropFill {
    /** Runs the model on three 0..255 colour planes and a hole plane of one size; returns three 0..255 planes. */
    interface Model {
        float[][] run(float[][] rgb, boolean[] hole, int width, int height);
    }

    private CropFill() {
    }

    static void fill(ArgbImage image, Mask mask, Crop crop, OnnxModelSettings settings, Model model, int[] out) {
        int cw = crop.width();
        int ch = crop.height();
        float[][] rgb = new float[3][cw * ch];
        float[] hole = new float[cw * ch];
        int[] px = image.pixels();
        int w = image.width();
        for (int y = 0; y < ch; y++) {
            int src = (crop.y0() + y) * w + crop.x0();
            int dst = y * cw;
            for (int x = 0; x < cw; x++) {
                int p = px[src + x];
                rgb[0][dst + x] = (p >> 16) & 0xff;
                rgb[1][dst + x] = (p >> 8) & 0xff;
                rgb[2][dst + x] = p & 0xff;
                hole[dst + x] = mask.isHole(src + x) ? 1 : 0;
            }
        }

        float[][] filled;
        if (settings.fixedSize()) {
            int mw = settings.width();
            int mh = settings.height();
            Resample down = new Resample(cw, ch, mw, mh);
            float[][] small = {down.plane(rgb[0]), down.plane(rgb[1]), down.plane(rgb[2])};
            float[] reach = down.plane(hole);
            boolean[] smallHole = new boolean[mw * mh];
            for (int i = 0; i < reach.length; i++) {
                smallHole[i] = reach[i] > 0;
            }
            float[][] result = model.run(small, smallHole, mw, mh);
            Resample up = new Resample(mw, mh, cw, ch);
            filled = new float[][] {up.plane(result[0]), up.plane(result[1]), up.plane(result[2])};
        } else {
            int mw = (int) HoleCrops.roundUp(cw, settings.sizeMultiple());
            int mh = (int) HoleCrops.roundUp(ch, settings.sizeMultiple());
            boolean[] holes = new boolean[cw * ch];
            for (int i = 0; i < holes.length; i++) {
                holes[i] = hole[i] > 0;
            }
            float[][] result = model.run(
                    new float[][] {pad(rgb[0], cw, ch, mw, mh), pad(rgb[1], cw, ch, mw, mh),
                            pad(rgb[2], cw, ch, mw, mh)},
                    pad(holes, cw, ch, mw, mh), mw, mh);
            filled = new float[][] {unpad(result[0], mw, cw, ch), unpad(result[1], mw, cw, ch),
                    unpad(result[2], mw, cw, ch)};
        }

        for (int i : crop.holes()) {
            int local = (i / w - crop.y0()) * cw + (i % w - crop.x0());
            out[i] = 0xFF000000 | channel(filled[0][local]) << 16 | channel(filled[1][local]) << 8
                    | channel(filled[2][local]);
        }
    }

    private static int channel(float v) {
        // NaN from a broken model lands on 0 rather than on an arbitrary colour
        return v >= 0 ? Math.min(255, Math.round(v)) : 0;
    }

    /** The plane grown to {@code mw x mh} by repeating its last column and row. */
    private static float[] pad(float[] plane, int w, int h, int mw, int mh) {
        if (w == mw && h == mh) {
            return plane;
        }
        float[] out = new float[mw * mh];
        for (int y = 0; y < mh; y++) {
            int src = Math.min(y, h - 1) * w;
            for (int x = 0; x < mw; x++) {
                out[y * mw + x] = plane[src + Math.min(x, w - 1)];
            }
        }
        return out;
    }

    private static boolean[] pad(boolean[] plane, int w, int h, int mw, int mh) {
        if (w == mw && h == mh) {
            return plane;
        }
        boolean[] out = new boolean[mw * mh];
        for (int y = 0; y < mh; y++) {
            int src = Math.min(y, h - 1) * w;
            for (int x = 0; x < mw; x++) {
                out[y * mw + x] = plane[src + Math.min(x, w - 1)];
            }
        }
        return out;
    }

    /** The top-left {@code w x h} of a plane {@code mw} wide. */
    private static float[] unpad(float[] plane, int mw, int w, int h) {
        if (mw == w && plane.length == w * h) {
            return plane;
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(plane, y * mw, out, y * w, w);
        }
        return out;
    }
}
