package io.brushwork.engine.telea;

import io.brushwork.engine.Cancellation;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Chamfer;
import io.brushwork.image.Mask;

/**
 * One run of Telea's fast marching fill, confined to the bounding box of the hole plus the radius, so that the cost
 * follows the hole rather than the photo. Pixel state lives in flat primitive arrays over that box.
 *
 * <p>The march looks at the job's cancellation every {@value #CHECK_EVERY} pixels it settles: a few milliseconds
 * of work between looks, and one flag read in thousands of pixels costs nothing measurable.
 */
final class FastMarchingFill {
    private static final byte KNOWN = 0;
    private static final byte BAND = 1;
    private static final byte INSIDE = 2;
    private static final float UNREACHED = 1.0e6f;
    /** Settled pixels between looks at the cancellation; a power of two, for a mask. */
    static final int CHECK_EVERY = 4096;

    private final ArgbImage image;
    private final int radius;
    private final int x0;
    private final int y0;
    private final int w;
    private final int h;
    private final byte[] flag;
    /** Arrival time of the front; float halves the largest array of a big fill. */
    private final float[] t;
    /** Colour channels A, R, G, B as floats, so filled values keep their fractions while the front moves on. */
    private final float[][] channels = new float[4][];
    private final MinHeap heap = new MinHeap();
    private final Cancellation cancellation;

    FastMarchingFill(ArgbImage image, Mask mask, int radius, Cancellation cancellation) {
        this.image = image;
        this.radius = radius;
        this.cancellation = cancellation;
        int[] box = box(mask, radius);
        x0 = box[0];
        y0 = box[1];
        w = box[2];
        h = box[3];
        flag = new byte[w * h];
        t = new float[w * h];
        for (int c = 0; c < 4; c++) {
            channels[c] = new float[w * h];
        }
        int[] px = image.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int src = (y + y0) * image.width() + x + x0;
                flag[i] = mask.isHole(src) ? INSIDE : KNOWN;
                t[i] = flag[i] == INSIDE ? UNREACHED : 0;
                int p = px[src];
                channels[0][i] = p >>> 24;
                channels[1][i] = (p >> 16) & 0xff;
                channels[2][i] = (p >> 8) & 0xff;
                channels[3][i] = p & 0xff;
            }
        }
    }

    /** The working box: the hole's bounding box plus the radius and a margin, as x, y, width, height. */
    private static int[] box(Mask mask, int radius) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.isHole(x, y)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return new int[] {0, 0, 0, 0};
        }
        int pad = radius + 2;
        int bx = Math.max(0, minX - pad);
        int by = Math.max(0, minY - pad);
        return new int[] {bx, by, Math.min(mask.width() - 1, maxX + pad) - bx + 1,
                Math.min(mask.height() - 1, maxY + pad) - by + 1};
    }

    /** Pixels in the working box of this mask. */
    static long workingArea(Mask mask, int radius) {
        int[] box = box(mask, radius);
        return (long) box[2] * box[3];
    }

    void run() {
        markBoundary();
        signedDistanceOutside();
        march();
        writeBack();
    }

    /** Known pixels that touch the hole form the initial front, at time 0. */
    private void markBoundary() {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (flag[i] == KNOWN && touchesHole(x, y)) {
                    flag[i] = BAND;
                    heap.push(0, i);
                }
            }
        }
    }

    private boolean touchesHole(int x, int y) {
        return (x > 0 && flag[y * w + x - 1] == INSIDE) || (x < w - 1 && flag[y * w + x + 1] == INSIDE)
                || (y > 0 && flag[(y - 1) * w + x] == INSIDE) || (y < h - 1 && flag[(y + 1) * w + x] == INSIDE);
    }

    /**
     * Gives known pixels a negative arrival time (minus their chamfer distance to the front), so that the gradient of
     * T, which sets the fill direction, is defined on both sides of the boundary.
     */
    private void signedDistanceOutside() {
        // Computed in t itself: 0 on the front, distances for the rest; a path through the hole never beats one
        // around it (it must cross the front first), so the hole's cells can take part and be reset after.
        for (int i = 0; i < t.length; i++) {
            t[i] = flag[i] == BAND ? 0 : UNREACHED;
        }
        Chamfer.distances(t, w, h);
        for (int i = 0; i < t.length; i++) {
            if (flag[i] == KNOWN) {
                t[i] = -t[i];
            } else if (flag[i] == INSIDE) {
                t[i] = UNREACHED;
            }
        }
    }

    private void march() {
        int settled = 0;
        while (!heap.isEmpty()) {
            double key = heap.peekKey();
            int i = heap.pop();
            if (flag[i] == KNOWN || key > t[i]) {
                continue; // stale entry: finalised already, or pushed again with a smaller time
            }
            if ((++settled & (CHECK_EVERY - 1)) == 0) {
                cancellation.check(TeleaEngine.NAME);
            }
            flag[i] = KNOWN;
            int x = i % w;
            int y = i / w;
            visit(x - 1, y);
            visit(x + 1, y);
            visit(x, y - 1);
            visit(x, y + 1);
        }
    }

    private void visit(int x, int y) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return;
        }
        int i = y * w + x;
        if (flag[i] == KNOWN) {
            return;
        }
        double arrival = Math.min(
                Math.min(solve(x - 1, y, x, y - 1), solve(x + 1, y, x, y - 1)),
                Math.min(solve(x - 1, y, x, y + 1), solve(x + 1, y, x, y + 1)));
        if (flag[i] == INSIDE) {
            t[i] = (float) arrival;
            fill(x, y);
            flag[i] = BAND;
            heap.push(arrival, i);
        } else if (arrival < t[i]) {
            t[i] = (float) arrival;
            heap.push(arrival, i);
        }
    }

    /** The eikonal update |grad T| = 1 from one horizontal and one vertical neighbour. */
    private double solve(int xa, int ya, int xb, int yb) {
        boolean a = usable(xa, ya);
        boolean b = usable(xb, yb);
        if (a && b) {
            double ta = t[ya * w + xa];
            double tb = t[yb * w + xb];
            double diff = ta - tb;
            if (diff * diff < 2) {
                double r = Math.sqrt(2 - diff * diff);
                double s = (ta + tb + r) / 2;
                if (s >= ta && s >= tb) {
                    return s;
                }
            }
            return 1 + Math.min(ta, tb);
        }
        if (a) {
            return 1 + t[ya * w + xa];
        }
        if (b) {
            return 1 + t[yb * w + xb];
        }
        return UNREACHED;
    }

    private boolean usable(int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && flag[y * w + x] != INSIDE;
    }

    /**
     * Telea's estimate: a weighted average of every known pixel within the radius, favouring pixels along the normal
     * of the front, close by, and on the same level set. The paper also adds each neighbour's colour gradient
     * (first-order extrapolation); on photographs that term amplifies noise into bright and dark specks where two
     * fronts meet, so it is left out, as OpenCV's implementation in effect does too.
     */
    private void fill(int x, int y) {
        int i = y * w + x;
        double gx = timeGradient(x, y, 1, 0);
        double gy = timeGradient(x, y, 0, 1);
        double norm = Math.hypot(gx, gy);
        double nx = norm > 0 ? gx / norm : 0;
        double ny = norm > 0 ? gy / norm : 0;
        double[] sum = new double[4];
        double weights = 0;
        int r2 = radius * radius;
        for (int qy = Math.max(0, y - radius); qy <= Math.min(h - 1, y + radius); qy++) {
            for (int qx = Math.max(0, x - radius); qx <= Math.min(w - 1, x + radius); qx++) {
                int q = qy * w + qx;
                int rx = x - qx;
                int ry = y - qy;
                int lenSq = rx * rx + ry * ry;
                if (flag[q] == INSIDE || lenSq > r2 || lenSq == 0) {
                    continue;
                }
                double len = Math.sqrt(lenSq);
                double dir = norm > 0 ? Math.abs(rx * nx + ry * ny) / len : 1;
                double weight = Math.max(dir, 1e-6) / lenSq / (1 + Math.abs(t[i] - t[q]));
                for (int c = 0; c < 4; c++) {
                    sum[c] += weight * channels[c][q];
                }
                weights += weight;
            }
        }
        for (int c = 0; c < 4; c++) {
            channels[c][i] = (float) Math.max(0, Math.min(255, sum[c] / weights));
        }
    }

    private double timeGradient(int x, int y, int dx, int dy) {
        boolean fwd = usable(x + dx, y + dy);
        boolean back = usable(x - dx, y - dy);
        double here = t[y * w + x];
        if (fwd && back) {
            return (t[(y + dy) * w + x + dx] - t[(y - dy) * w + x - dx]) / 2;
        }
        if (fwd) {
            return t[(y + dy) * w + x + dx] - here;
        }
        if (back) {
            return here - t[(y - dy) * w + x - dx];
        }
        return 0;
    }

    private void writeBack() {
        int[] px = image.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int a = Math.round(channels[0][i]);
                int r = Math.round(channels[1][i]);
                int g = Math.round(channels[2][i]);
                int b = Math.round(channels[3][i]);
                px[(y + y0) * image.width() + x + x0] = a << 24 | r << 16 | g << 8 | b;
            }
        }
    }
}
