package io.brushwork.engine.patchmatch;

import io.brushwork.image.Dilation;
import io.brushwork.image.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a mask into regions that can be filled independently: holes closer than {@code join} pixels to each
 * other share a region (their patches would overlap), and each region's crop adds a margin of context around its
 * holes in proportion to their depth, so that the cost follows the holes rather than the photo.
 */
final class HoleRegions {
    private HoleRegions() {
    }

    static List<Region> of(Mask mask, int join, int minMargin) {
        int w = mask.width();
        int h = mask.height();
        boolean[] near = Dilation.square(mask.cells(), w, h, join);
        boolean[] seen = new boolean[w * h];
        List<Region> regions = new ArrayList<>();
        int[] stack = new int[1024];
        for (int start = 0; start < near.length; start++) {
            if (!near[start] || seen[start]) {
                continue;
            }
            // One 4-connected cluster of the dilated mask: the holes in it belong together.
            int minX = w, minY = h, maxX = -1, maxY = -1;
            int[] holes = new int[64];
            int holeCount = 0;
            long edge = 0;
            int onLeft = 0, onRight = 0, onTop = 0, onBottom = 0;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int i = stack[--top];
                if (mask.isHole(i)) {
                    int x = i % w;
                    int y = i / w;
                    if ((x > 0 && !mask.isHole(i - 1)) || (x < w - 1 && !mask.isHole(i + 1))
                            || (y > 0 && !mask.isHole(i - w)) || (y < h - 1 && !mask.isHole(i + w))) {
                        edge++;
                    }
                    onLeft += x == 0 ? 1 : 0;
                    onRight += x == w - 1 ? 1 : 0;
                    onTop += y == 0 ? 1 : 0;
                    onBottom += y == h - 1 ? 1 : 0;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                    if (holeCount == holes.length) {
                        holes = Arrays.copyOf(holes, holeCount * 2);
                    }
                    holes[holeCount++] = i;
                }
                int x = i % w;
                int y = i / w;
                if (top + 4 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                if (x > 0 && near[i - 1] && !seen[i - 1]) {
                    seen[i - 1] = true;
                    stack[top++] = i - 1;
                }
                if (x < w - 1 && near[i + 1] && !seen[i + 1]) {
                    seen[i + 1] = true;
                    stack[top++] = i + 1;
                }
                if (y > 0 && near[i - w] && !seen[i - w]) {
                    seen[i - w] = true;
                    stack[top++] = i - w;
                }
                if (y < h - 1 && near[i + w] && !seen[i + w]) {
                    seen[i + w] = true;
                    stack[top++] = i + w;
                }
            }
            int[] owned = Arrays.copyOf(holes, holeCount);
            Arrays.sort(owned); // scan order: the fill must not depend on the order the search visited pixels
            // Context in proportion to how deep the holes are (area over edge is about half a stroke's width, a
            // quarter of a square's side), not to how far they reach: a long thin stroke needs a band of context,
            // not the whole photo.
            int margin = (int) Math.max(minMargin, 4 * holeCount / Math.max(1, edge));
            long depth = holeCount / Math.max(1, edge);
            boolean outpaint = (onLeft == h || onRight == h || onTop == w || onBottom == w) && depth > minMargin;
            if (outpaint) {
                margin = outpaintMargin(depth, minMargin);
            }
            int x0 = Math.max(0, minX - margin);
            int y0 = Math.max(0, minY - margin);
            int x1 = Math.min(w - 1, maxX + margin);
            int y1 = Math.min(h - 1, maxY + margin);
            regions.add(new Region(x0, y0, x1 - x0 + 1, y1 - y0 + 1, owned, outpaint));
        }
        return regions;
    }

    /**
     * The context of a hole that runs along a whole side of the image, as a reframe's border does: a band of the
     * photo next to it, a quarter as deep as the hole ({@code depth}, area over edge, is the border's depth). The
     * fill then continues what is next to the border rather than fetching the photo's subject from its middle (with
     * the whole photo as context, a reframed portrait got three more heads), and each side of a two-sided border
     * is its own region with a crop (so a cost) that follows that side alone; before, each side's crop was the
     * whole canvas, the other side's hole included. Over the whole photo a quarter of the depth kept the
     * astronaut's border clean where a half cloned the rocket's towers into it, and a tenth (36 px) tiled the
     * edge's few objects along the border.
     */
    private static int outpaintMargin(long depth, int minMargin) {
        return (int) Math.max(minMargin, depth / 4);
    }
}
