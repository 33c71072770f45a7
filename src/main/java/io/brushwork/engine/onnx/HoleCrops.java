package io.brushwork.engine.onnx;

import io.brushwork.image.Dilation;
import io.brushwork.image.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where to run a model: one crop around each group of holes, IOPaint's "crop" strategy. Inpainting models work on
 * a few hundred pixels of context; running them on a whole 4000-pixel photo either does not fit a fixed-size model
 * (LaMa's export takes 512x512, so the photo would be shrunk eightfold and the fill come back blurred) or costs
 * far more than the hole needs.
 *
 * <p>The rule, per group of holes (holes closer than {@link #MARGIN} pixels share a group, since their crops would
 * mostly overlap):
 * <ol>
 *   <li>take the holes' bounding box and add {@link #MARGIN} pixels of context on every side;
 *   <li>for a fixed-size model, widen the shorter side to the model's aspect ratio (square for 512x512), so the
 *       resize does not distort, and grow it to at least the model's size, so a small hole is run at its native
 *       resolution instead of being enlarged;
 *   <li>for a model that takes any size, grow each side to the model's size multiple;
 *   <li>cap each side at the image's, centre the crop on the holes and shift it inside the image, so a hole at an
 *       edge gets its context from the side the image has.
 * </ol>
 */
final class HoleCrops {
    /** Context around the holes, IOPaint's default {@code hd_strategy_crop_margin}. */
    static final int MARGIN = 128;

    /**
     * @param holes the group's hole pixels, as indices into the image, in scan order. Other holes may lie inside
     *              the crop; they are the other groups' to fill.
     */
    record Crop(int x0, int y0, int width, int height, int[] holes) {
        long area() {
            return (long) width * height;
        }
    }

    private HoleCrops() {
    }

    static List<Crop> of(Mask mask, OnnxModelSettings settings) {
        int w = mask.width();
        int h = mask.height();
        List<Crop> crops = new ArrayList<>();
        for (int[] group : groups(mask, MARGIN / 2)) {
            int minX = w, minY = h, maxX = -1, maxY = -1;
            for (int i : group) {
                minX = Math.min(minX, i % w);
                maxX = Math.max(maxX, i % w);
                minY = Math.min(minY, i / w);
                maxY = Math.max(maxY, i / w);
            }
            int boxW = maxX - minX + 1;
            int boxH = maxY - minY + 1;
            long cw = boxW + 2L * MARGIN;
            long ch = boxH + 2L * MARGIN;
            if (settings.fixedSize()) {
                long mw = settings.width();
                long mh = settings.height();
                if (cw * mh < ch * mw) {
                    cw = (ch * mw + mh - 1) / mh;
                } else {
                    ch = (cw * mh + mw - 1) / mw;
                }
                cw = Math.max(cw, mw);
                ch = Math.max(ch, mh);
            } else {
                cw = roundUp(cw, settings.sizeMultiple());
                ch = roundUp(ch, settings.sizeMultiple());
            }
            int cropW = (int) Math.min(cw, w);
            int cropH = (int) Math.min(ch, h);
            int x0 = clamp(minX - (cropW - boxW) / 2, 0, w - cropW);
            int y0 = clamp(minY - (cropH - boxH) / 2, 0, h - cropH);
            crops.add(new Crop(x0, y0, cropW, cropH, group));
        }
        return crops;
    }

    static long roundUp(long value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * The holes, split into groups: holes within {@code 2 * reach} pixels (Chebyshev) of each other are in the same
     * group. Each group's pixels are in scan order and groups are ordered by their first pixel, so the split does
     * not depend on how the search ran.
     */
    static List<int[]> groups(Mask mask, int reach) {
        int w = mask.width();
        int h = mask.height();
        boolean[] near = Dilation.square(mask.cells(), w, h, reach);
        int[] label = new int[w * h]; // 0: not yet reached; k + 1: group k
        int[] stack = new int[1024];
        List<int[]> groups = new ArrayList<>();
        for (int start = 0; start < near.length; start++) {
            if (!mask.isHole(start) || label[start] != 0) {
                continue;
            }
            // One 4-connected cluster of the dilated mask, flooded from its first hole in scan order.
            int id = groups.size() + 1;
            int[] holes = new int[64];
            int count = 0;
            int top = 0;
            stack[top++] = start;
            label[start] = id;
            while (top > 0) {
                int i = stack[--top];
                if (mask.isHole(i)) {
                    if (count == holes.length) {
                        holes = Arrays.copyOf(holes, count * 2);
                    }
                    holes[count++] = i;
                }
                if (top + 4 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                int x = i % w;
                if (x > 0 && near[i - 1] && label[i - 1] == 0) {
                    label[i - 1] = id;
                    stack[top++] = i - 1;
                }
                if (x < w - 1 && near[i + 1] && label[i + 1] == 0) {
                    label[i + 1] = id;
                    stack[top++] = i + 1;
                }
                if (i >= w && near[i - w] && label[i - w] == 0) {
                    label[i - w] = id;
                    stack[top++] = i - w;
                }
                if (i + w < near.length && near[i + w] && label[i + w] == 0) {
                    label[i + w] = id;
                    stack[top++] = i + w;
                }
            }
            int[] group = Arrays.copyOf(holes, count);
            Arrays.sort(group);
            groups.add(group);
        }
        return groups;
    }
}
