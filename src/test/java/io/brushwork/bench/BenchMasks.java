package io.brushwork.bench;

import io.brushwork.image.Mask;
import java.util.SplittableRandom;

/**
 * Seeded benchmark masks in the spirit of the LaMa paper's protocol: a rectangle (object removal), thick brush
 * strokes and thin brush strokes. Sizes scale with the image, relative to a 512-pixel side; the same seed always
 * draws the same mask.
 */
final class BenchMasks {
    private BenchMasks() {
    }

    enum Kind {
        RECT, THICK, THIN
    }

    static Mask make(Kind kind, int w, int h, long seed) {
        return switch (kind) {
            case RECT -> rectangle(w, h, seed);
            case THICK -> strokes(w, h, seed, 18, 36, 0.10);
            case THIN -> strokes(w, h, seed, 4, 9, 0.04);
        };
    }

    /** A 96x128 rectangle at 512x512 (scaled with the image), placed away from the border. */
    static Mask rectangle(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double scale = Math.min(w, h) / 512.0;
        int rw = (int) Math.round(96 * scale);
        int rh = (int) Math.round(128 * scale);
        int x0 = w / 4 + random.nextInt(Math.max(1, w / 2 - rw));
        int y0 = h / 4 + random.nextInt(Math.max(1, h / 2 - rh));
        boolean[] hole = new boolean[w * h];
        for (int y = y0; y < Math.min(h, y0 + rh); y++) {
            for (int x = x0; x < Math.min(w, x0 + rw); x++) {
                hole[y * w + x] = true;
            }
        }
        return new Mask(w, h, hole);
    }

    /**
     * Random polyline brush strokes (random start, 4–10 segments of random length and turning angle) drawn with a
     * round brush of random width in [minWidth, maxWidth] (at 512 scale), until {@code coverage} of the image is
     * masked.
     */
    static Mask strokes(int w, int h, long seed, int minWidth, int maxWidth, double coverage) {
        SplittableRandom random = new SplittableRandom(seed);
        double scale = Math.min(w, h) / 512.0;
        boolean[] hole = new boolean[w * h];
        long target = (long) (coverage * w * h);
        long covered = 0;
        while (covered < target) {
            double x = random.nextDouble(w * 0.1, w * 0.9);
            double y = random.nextDouble(h * 0.1, h * 0.9);
            double angle = random.nextDouble(2 * Math.PI);
            double radius = scale * random.nextDouble(minWidth, maxWidth + 1) / 2;
            int segments = 4 + random.nextInt(7);
            for (int s = 0; s < segments && covered < target; s++) {
                angle += random.nextDouble(-1.2, 1.2);
                double length = scale * random.nextDouble(20, 60);
                double nx = Math.max(0, Math.min(w - 1, x + Math.cos(angle) * length));
                double ny = Math.max(0, Math.min(h - 1, y + Math.sin(angle) * length));
                covered += stamp(hole, w, h, x, y, nx, ny, radius);
                x = nx;
                y = ny;
            }
        }
        return new Mask(w, h, hole);
    }

    private static long stamp(boolean[] hole, int w, int h, double x0, double y0, double x1, double y1, double r) {
        long added = 0;
        int steps = (int) Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1;
        for (int i = 0; i <= steps; i++) {
            double cx = x0 + (x1 - x0) * i / steps;
            double cy = y0 + (y1 - y0) * i / steps;
            for (int y = (int) Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
                for (int x = (int) Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r && !hole[y * w + x]) {
                        hole[y * w + x] = true;
                        added++;
                    }
                }
            }
        }
        return added;
    }
}
