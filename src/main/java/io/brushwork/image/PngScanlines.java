package io.brushwork.image;

/**
 * Turns rows of packed ARGB pixels into PNG scanlines: each row a filter-type byte, then its filtered R, G, B
 * (and A) bytes. Rows depend only on themselves and the row above, so any range of rows can be filtered on its own
 * thread.
 */
final class PngScanlines {
    private static final int SUB = 1;
    private static final int PAETH = 4;

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
     * Writes the scanlines of rows {@code y0} to {@code y1 - 1} into {@code out} from {@code offset}. Every row is
     * Paeth-filtered but the first, which has no row above and takes Sub. Chosen by measurement on the benchmark
     * photos (docs/BENCHMARKS.md, "PNG encoding"): choosing per row by the least sum of absolute differences, as
     * ImageIO does, made files under 1% smaller at deflate level 1 and cost about five filter passes instead of one.
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
            if (y == 0) {
                out[o] = SUB;
                sub(cur, out, o + 1);
            } else {
                out[o] = PAETH;
                paeth(cur, prev, out, o + 1);
            }
            o += 1 + n;
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

    private void sub(byte[] cur, byte[] out, int o) {
        int bpp = bytesPerPixel;
        System.arraycopy(cur, 0, out, o, bpp);
        for (int i = bpp; i < cur.length; i++) {
            out[o + i] = (byte) (cur[i] - cur[i - bpp]);
        }
    }

    private void paeth(byte[] cur, byte[] prev, byte[] out, int o) {
        int bpp = bytesPerPixel;
        for (int i = 0; i < bpp; i++) {
            out[o + i] = (byte) (cur[i] - prev[i]); // no left neighbour: Paeth predicts the byte above
        }
        for (int i = bpp; i < cur.length; i++) {
            int a = cur[i - bpp] & 0xFF;
            int b = prev[i] & 0xFF;
            int c = prev[i - bpp] & 0xFF;
            int pa = Math.abs(b - c);
            int pb = Math.abs(a - c);
            int pc = Math.abs(a + b - c - c);
            // pa <= pb && pa <= pc ? a : pb <= pc ? b : c, without branches: on photos they are unpredictable
            // and cost a third of the filter's time.
            int notA = ((pb - pa) | (pc - pa)) >> 31;
            int useC = (pc - pb) >> 31;
            int bOrC = b ^ ((b ^ c) & useC);
            int predicted = a ^ ((a ^ bOrC) & notA);
            out[o + i] = (byte) (cur[i] - predicted);
        }
    }
}
