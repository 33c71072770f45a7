package io.brushwork.image;

/** Dilation of a binary grid by a square, in O(cells) whatever the radius. */
public final class Dilation {
    private Dilation() {
    }

    /** Marks every cell within {@code r} (Chebyshev distance) of a set cell: two separable running passes. */
    public static boolean[] square(boolean[] cells, int w, int h, int r) {
        boolean[] rows = new boolean[cells.length];
        for (int y = 0; y < h; y++) {
            int last = Integer.MIN_VALUE / 2;
            for (int x = 0; x < w; x++) {
                if (cells[y * w + x]) {
                    last = x;
                }
                rows[y * w + x] = x - last <= r;
            }
            last = Integer.MAX_VALUE / 2;
            for (int x = w - 1; x >= 0; x--) {
                if (cells[y * w + x]) {
                    last = x;
                }
                rows[y * w + x] |= last - x <= r;
            }
        }
        boolean[] out = new boolean[cells.length];
        for (int x = 0; x < w; x++) {
            int last = Integer.MIN_VALUE / 2;
            for (int y = 0; y < h; y++) {
                if (rows[y * w + x]) {
                    last = y;
                }
                out[y * w + x] = y - last <= r;
            }
            last = Integer.MAX_VALUE / 2;
            for (int y = h - 1; y >= 0; y--) {
                if (rows[y * w + x]) {
                    last = y;
                }
                out[y * w + x] |= last - y <= r;
            }
        }
        return out;
    }
}
