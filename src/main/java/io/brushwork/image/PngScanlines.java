package io.brushwork.image;

/**
 * Turns rows of packed ARGB pixels into PNG scanlines: each row a filter-type byte, then its filtered R, G, B
 * (and A) bytes. Rows depend only on themselves and the row above, so any range of rows can be filtered on its own
 * thread.
 */
final class PngScanlines {
    private static final byte UP = 2;

    private final int[] pixels;
    private final int width;
    private final int bytesPerPixel;

    PngScanlines(ArgbImage image) {
        this.pixels = image.pixels();
        this.width = image.width();
        this.bytesPerPixel = image.hasAlpha() ? 4 : 3;
    }

    int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** Bytes of one scanline, filter byte included. */
    int scanlineBytes() {
        return 1 + width * bytesPerPixel;
    }

    /**
     * Writes the scanlines of rows {@code y0} to {@code y1 - 1} into {@code out} from {@code offset}, every row
     * Up-filtered (the first against a row of zeros, as PNG defines it), as fpng does. Chosen by measurement on the
     * benchmark photos at their own size (docs/BENCHMARKS.md, "PNG encoding"): Paeth, even without branches, took
     * 4.6 ms per MB of scanlines against Up's 1.3, about a sixth of the whole encoding, for files at most 3% smaller
     * at deflate level 1; choosing per row by the least sum of absolute differences, as libpng does, picked Paeth on
     * nearly every row of a photo and cost five filters' time.
     */
    void filter(int y0, int y1, byte[] out, int offset) {
        int n = width * bytesPerPixel;
        byte[] prev = new byte[n];
        byte[] cur = new byte[n];
        if (y0 > 0) {
            unpack(y0 - 1, prev);
        }
        int o = offset;
        for (int y = y0; y < y1; y++) {
            unpack(y, cur);
            out[o++] = UP;
            for (int i = 0; i < n; i++) {
                out[o + i] = (byte) (cur[i] - prev[i]);
            }
            o += n;
            byte[] t = prev;
            prev = cur;
            cur = t;
        }
    }

    /** Row {@code y} as R, G, B (, A) bytes, the order PNG stores them. */
    private void unpack(int y, byte[] row) {
        int p = y * width;
        if (bytesPerPixel == 4) {
            for (int x = 0, i = 0; x < width; x++, i += 4) {
                int argb = pixels[p + x];
                row[i] = (byte) (argb >>> 16);
                row[i + 1] = (byte) (argb >>> 8);
                row[i + 2] = (byte) argb;
                row[i + 3] = (byte) (argb >>> 24);
            }
        } else {
            for (int x = 0, i = 0; x < width; x++, i += 3) {
                int argb = pixels[p + x];
                row[i] = (byte) (argb >>> 16);
                row[i + 1] = (byte) (argb >>> 8);
                row[i + 2] = (byte) argb;
            }
        }
    }
}
