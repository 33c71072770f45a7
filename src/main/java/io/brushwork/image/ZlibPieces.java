package io.brushwork.image;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * One zlib stream made of pieces deflated independently, as pigz does: each piece is raw deflate ending on a byte
 * boundary (a sync flush), the last one finished, so the pieces concatenate into one valid deflate stream. The
 * zlib header goes before the first piece and the Adler-32 of all the data, combined from the pieces', after the
 * last. Pieces keep no dictionary from the one before: at a few hundred kilobytes each, that costs well under 1%.
 */
final class ZlibPieces {
    private static final int ADLER_BASE = 65521;

    private ZlibPieces() {
    }

    /** The two-byte zlib header: deflate with a 32 KiB window, FLEVEL matching {@code level}, no dictionary. */
    static byte[] header(int level) {
        int flevel = level <= 1 ? 0 : level <= 5 ? 1 : level == 6 ? 2 : 3;
        int cmf = 0x78;
        int flg = flevel << 6;
        flg += 31 - (cmf << 8 | flg) % 31; // the header read as a 16-bit number must be a multiple of 31
        return new byte[] {(byte) cmf, (byte) flg};
    }

    /**
     * Deflates {@code data[off, off + len)} as raw deflate into {@code out} from {@code outOff}, growing {@code out}
     * when it is too small, and returns the array holding the piece with the end of the piece's bytes.
     */
    static Piece deflate(byte[] data, int off, int len, int level, boolean last, byte[] out, int outOff) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data, off, len);
            if (last) {
                deflater.finish();
            }
            int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
            int end = outOff;
            while (true) {
                end += deflater.deflate(out, end, out.length - end, flush);
                // Done once the output is not full: a sync flush then has taken all input, a finish has ended.
                boolean done = last ? deflater.finished() : end < out.length;
                if (done) {
                    return new Piece(out, end);
                }
                if (end == out.length) {
                    out = Arrays.copyOf(out, out.length + (out.length >> 1) + 64);
                }
            }
        } finally {
            deflater.end();
        }
    }

    /** Room that deflating {@code len} bytes needs at most: zlib's bound for stored blocks, with a flush's slack. */
    static int bound(int len) {
        return len + (len >> 12) + (len >> 14) + 64;
    }

    /** The Adler-32 of two pieces of data one after the other, from each one's and the second's length (zlib's). */
    static int combineAdler32(int first, int second, long secondLength) {
        long rem = secondLength % ADLER_BASE;
        long sum1 = first & 0xFFFF;
        long sum2 = rem * sum1 % ADLER_BASE;
        sum1 += (second & 0xFFFF) + ADLER_BASE - 1;
        sum2 += ((first >>> 16) & 0xFFFF) + ((second >>> 16) & 0xFFFF) + ADLER_BASE - rem;
        sum1 %= ADLER_BASE;
        sum2 %= ADLER_BASE;
        return (int) (sum2 << 16 | sum1);
    }

    /** A deflated piece: its bytes end at {@code end} in {@code bytes}. */
    record Piece(byte[] bytes, int end) {
    }
}
