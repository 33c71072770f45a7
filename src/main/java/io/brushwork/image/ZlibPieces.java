package io.brushwork.image;

/**
 * One zlib stream made of pieces deflated independently, as pigz does: each piece is raw deflate ending on a byte
 * boundary ({@link FastDeflate}), so the pieces concatenate into one valid deflate stream. The zlib header goes
 * before the first piece and the Adler-32 of all the data, combined from the pieces', after the last. Pieces keep no
 * dictionary from the one before: at a quarter of a megabyte each, that costs about 0.1%.
 */
final class ZlibPieces {
    private static final int ADLER_BASE = 65521;

    private ZlibPieces() {
    }

    /** The two-byte zlib header: deflate with a 32 KiB window, no preset dictionary, "fastest" compression. */
    static byte[] header() {
        int cmf = 0x78;
        int flg = 0; // FLEVEL 0: fastest
        flg += 31 - (cmf << 8 | flg) % 31; // the header read as a 16-bit number must be a multiple of 31
        return new byte[] {(byte) cmf, (byte) flg};
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
}
