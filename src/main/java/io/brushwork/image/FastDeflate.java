package io.brushwork.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Raw deflate (RFC 1951) tuned for speed over ratio, in the spirit of fpng: one hash probe per position and no
 * chains, greedy matches of at least 4 bytes, probing less often through long runs without matches, then one block
 * with Huffman codes made for it, or stored blocks when those would be smaller. zlib's level 1, reached through
 * {@link java.util.zip.Deflater}, was three quarters of the PNG encoder's time; on the benchmark photos' scanlines
 * this takes about 0.7 times its CPU for files 0.93 to 1.10 times the size (docs/BENCHMARKS.md, "PNG encoding").
 * Matches never reach before {@code off}, so pieces compressed apart concatenate into one stream
 * ({@link ZlibPieces}); the output depends on the input alone.
 */
final class FastDeflate {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MIN_MATCH = 4; // deflate allows 3; 4 lets one int comparison confirm a match
    private static final int MAX_MATCH = 258;
    private static final int WINDOW = 32768;
    private static final int HASH_BITS = 15;
    private static final int END_OF_BLOCK = 256;
    private static final int MAX_STORED = 65535;

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    /** Length code (0-28) of each match length 3-258. */
    private static final byte[] LENGTH_CODE = new byte[MAX_MATCH + 1];
    /** Distance code (0-29) of each distance 1-32768. */
    private static final byte[] DIST_CODE = new byte[WINDOW + 1];

    static {
        for (int c = 0; c < LENGTH_BASE.length; c++) {
            int top = c == LENGTH_BASE.length - 1 ? MAX_MATCH : LENGTH_BASE[c] + (1 << LENGTH_EXTRA[c]) - 1;
            for (int len = LENGTH_BASE[c]; len <= top; len++) {
                LENGTH_CODE[len] = (byte) c;
            }
        }
        for (int c = 0; c < DIST_BASE.length; c++) {
            for (int d = DIST_BASE[c]; d < DIST_BASE[c] + (1 << DIST_EXTRA[c]); d++) {
                DIST_CODE[d] = (byte) c;
            }
        }
    }

    private FastDeflate() {
    }

    /** Room that {@link #deflate} may need for {@code len} bytes: stored blocks, their headers and a flush. */
    static int bound(int len) {
        return len + 5 * (len / MAX_STORED + 2) + 8;
    }

    /**
     * Compresses {@code data[off, off + len)} into {@code out} from {@code outOff}, which must have
     * {@link #bound}{@code (len)} bytes of room, and returns where the output ends. The last piece of a stream sets
     * the final-block bit; any other ends with an empty stored block, as zlib's sync flush does, so that it ends on
     * a byte boundary.
     */
    static int deflate(byte[] data, int off, int len, boolean last, byte[] out, int outOff) {
        Parse parse = Parse.of(data, off, len);
        BitWriter bits = new BitWriter(out, outOff);
        Codes lit = Codes.of(parse.litFreq, 15);
        Codes dist = Codes.of(parse.distFreq, 15);
        Header header = Header.of(lit, dist);
        long dynamicBits = 3 + header.bits + lit.cost(parse.litFreq) + dist.cost(parse.distFreq) + parse.extraBits;
        long storedBits = 8L * len + 40L * (len / MAX_STORED + 1);
        if (dynamicBits <= storedBits) {
            bits.write(last ? 1 : 0, 1);
            bits.write(2, 2); // dynamic Huffman codes
            header.write(bits);
            parse.write(bits, lit, dist);
        } else {
            stored(data, off, len, last, bits);
        }
        if (!last) {
            bits.write(0, 3); // an empty stored block: aligns to a byte, as a sync flush does
            bits.alignToByte();
            bits.writeBytes(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}, 0, 4);
        }
        bits.alignToByte();
        return bits.position();
    }

    private static void stored(byte[] data, int off, int len, boolean last, BitWriter bits) {
        int at = off;
        do {
            int n = Math.min(MAX_STORED, off + len - at);
            boolean finalBlock = last && at + n == off + len;
            bits.write(finalBlock ? 1 : 0, 1);
            bits.write(0, 2);
            bits.alignToByte();
            bits.writeBytes(new byte[] {(byte) n, (byte) (n >>> 8), (byte) ~n, (byte) (~n >>> 8)}, 0, 4);
            bits.writeBytes(data, at, n);
            at += n;
        } while (at < off + len);
    }

    /** The input as literals and matches, with how often each literal/length and distance code occurs. */
    private static final class Parse {
        /** A literal as its byte value; a match as MATCH | (length - 3) << 15 | (distance - 1). */
        private static final int MATCH = 1 << 31;
        final int[] symbols;
        final int count;
        final int[] litFreq;
        final int[] distFreq;
        /** Bits that the matches' length and distance extra bits take. */
        final long extraBits;

        private Parse(int[] symbols, int count, long extraBits, int[] litFreq, int[] distFreq) {
            this.symbols = symbols;
            this.count = count;
            this.extraBits = extraBits;
            this.litFreq = litFreq;
            this.distFreq = distFreq;
        }

        static Parse of(byte[] data, int off, int len) {
            int[] symbols = new int[len];
            int[] litFreq = new int[286];
            int[] distFreq = new int[30];
            int[] head = new int[1 << HASH_BITS]; // position + 1 of the last place each hash was seen, 0 for none
            long extraBits = 0;
            int n = 0;
            int end = off + len;
            int i = off;
            int misses = 0;
            while (i <= end - MIN_MATCH) {
                int v = (int) INT.get(data, i);
                int h = (v * 0x9E3779B1) >>> (32 - HASH_BITS);
                int candidate = head[h] - 1;
                head[h] = i + 1;
                if (candidate >= off && i - candidate <= WINDOW && (int) INT.get(data, candidate) == v) {
                    int max = Math.min(MAX_MATCH, end - i);
                    int m = MIN_MATCH;
                    while (m < max && data[candidate + m] == data[i + m]) {
                        m++;
                    }
                    int d = i - candidate;
                    int lc = LENGTH_CODE[m];
                    int dc = DIST_CODE[d];
                    litFreq[257 + lc]++;
                    distFreq[dc]++;
                    extraBits += LENGTH_EXTRA[lc] + DIST_EXTRA[dc];
                    symbols[n++] = MATCH | (m - 3) << 15 | (d - 1);
                    i += m;
                    misses = 0;
                } else {
                    // After a long run of misses (noise), probe less often, as LZ4 does: the bytes skipped go out
                    // as literals without a hash lookup each.
                    int step = 1 + (misses++ >> 5);
                    for (int stop = Math.min(i + step, end - MIN_MATCH + 1); i < stop; i++) {
                        int b = data[i] & 0xFF;
                        litFreq[b]++;
                        symbols[n++] = b;
                    }
                }
            }
            for (; i < end; i++) {
                int b = data[i] & 0xFF;
                litFreq[b]++;
                symbols[n++] = b;
            }
            litFreq[END_OF_BLOCK]++;
            return new Parse(symbols, n, extraBits, litFreq, distFreq);
        }

        void write(BitWriter bits, Codes lit, Codes dist) {
            for (int k = 0; k < count; k++) {
                int s = symbols[k];
                if (s >= 0) {
                    bits.write(lit.codes[s], lit.lengths[s]);
                } else {
                    int m = ((s >>> 15) & 0xFF) + 3;
                    int d = (s & 0x7FFF) + 1;
                    int lc = LENGTH_CODE[m];
                    bits.write(lit.codes[257 + lc], lit.lengths[257 + lc]);
                    bits.write(m - LENGTH_BASE[lc], LENGTH_EXTRA[lc]);
                    int dc = DIST_CODE[d];
                    bits.write(dist.codes[dc], dist.lengths[dc]);
                    bits.write(d - DIST_BASE[dc], DIST_EXTRA[dc]);
                }
            }
            bits.write(lit.codes[END_OF_BLOCK], lit.lengths[END_OF_BLOCK]);
        }
    }

    /** Canonical Huffman codes, bit-reversed for deflate's least-significant-bit-first order. */
    static final class Codes {
        final int[] lengths;
        final int[] codes;

        private Codes(int[] lengths) {
            this.lengths = lengths;
            this.codes = new int[lengths.length];
            int[] count = new int[16];
            for (int l : lengths) {
                count[l]++;
            }
            count[0] = 0;
            int[] next = new int[16];
            for (int bits = 1, code = 0; bits < 16; bits++) {
                code = (code + count[bits - 1]) << 1;
                next[bits] = code;
            }
            for (int s = 0; s < lengths.length; s++) {
                int l = lengths[s];
                if (l != 0) {
                    codes[s] = Integer.reverse(next[l]++) >>> (32 - l);
                }
            }
        }

        /** Codes for symbols occurring {@code freq} times, none longer than {@code maxBits}. */
        static Codes of(int[] freq, int maxBits) {
            return new Codes(lengths(freq, maxBits));
        }

        long cost(int[] freq) {
            long bits = 0;
            for (int s = 0; s < freq.length; s++) {
                bits += (long) freq[s] * lengths[s];
            }
            return bits;
        }

        /**
         * Huffman code lengths by the two-queue method over symbols sorted by frequency (ties by symbol, so the
         * result is the same everywhere). Too long a code halves the frequencies and starts again, a little short
         * of optimal but rare. One used symbol, or none, still gets a complete code of two, as every inflater
         * accepts.
         */
        static int[] lengths(int[] freq, int maxBits) {
            int[] f = freq.clone();
            int used = 0;
            for (int x : f) {
                used += x > 0 ? 1 : 0;
            }
            if (used < 2) {
                for (int s = 0; s < f.length && used < 2; s++) {
                    if (f[s] == 0) {
                        f[s] = 1;
                        used++;
                    }
                }
            }
            while (true) {
                int[] lengths = huffman(f, used);
                if (Arrays.stream(lengths).max().orElse(0) <= maxBits) {
                    return lengths;
                }
                for (int s = 0; s < f.length; s++) {
                    f[s] = f[s] == 0 ? 0 : (f[s] + 1) >> 1;
                }
            }
        }

        private static int[] huffman(int[] f, int used) {
            long[] leaves = new long[used];
            for (int s = 0, k = 0; s < f.length; s++) {
                if (f[s] > 0) {
                    leaves[k++] = (long) f[s] << 16 | s;
                }
            }
            Arrays.sort(leaves);
            long[] weight = new long[2 * used - 1];
            int[] parent = new int[2 * used - 1];
            for (int k = 0; k < used; k++) {
                weight[k] = leaves[k] >>> 16;
            }
            int leaf = 0;
            int inner = used;
            for (int next = used; next < 2 * used - 1; next++) {
                int a = leaf < used && (inner >= next || weight[leaf] <= weight[inner]) ? leaf++ : inner++;
                int b = leaf < used && (inner >= next || weight[leaf] <= weight[inner]) ? leaf++ : inner++;
                weight[next] = weight[a] + weight[b];
                parent[a] = next;
                parent[b] = next;
            }
            int[] depth = new int[2 * used - 1];
            for (int node = 2 * used - 3; node >= 0; node--) {
                depth[node] = depth[parent[node]] + 1;
            }
            int[] lengths = new int[f.length];
            for (int k = 0; k < used; k++) {
                lengths[(int) (leaves[k] & 0xFFFF)] = depth[k];
            }
            return lengths;
        }
    }

    /** A dynamic block's header: how many codes of each alphabet, then their lengths, run-length coded. */
    private static final class Header {
        final int hlit;
        final int hdist;
        final int hclen;
        final int[] symbols; // code-length symbols 0-18, each with its extra bits above bit 8
        final int count;
        final Codes codeLengthCodes;
        final long bits;

        private Header(int hlit, int hdist, int[] symbols, int count, Codes cl, int hclen, long bits) {
            this.hlit = hlit;
            this.hdist = hdist;
            this.symbols = symbols;
            this.count = count;
            this.codeLengthCodes = cl;
            this.hclen = hclen;
            this.bits = bits;
        }

        static Header of(Codes lit, Codes dist) {
            int hlit = 286;
            while (hlit > 257 && lit.lengths[hlit - 1] == 0) {
                hlit--;
            }
            int hdist = 30;
            while (hdist > 1 && dist.lengths[hdist - 1] == 0) {
                hdist--;
            }
            int[] all = new int[hlit + hdist];
            System.arraycopy(lit.lengths, 0, all, 0, hlit);
            System.arraycopy(dist.lengths, 0, all, hlit, hdist);
            int[] symbols = new int[all.length];
            int[] freq = new int[19];
            int n = 0;
            for (int i = 0; i < all.length;) {
                int v = all[i];
                int run = 1;
                while (i + run < all.length && all[i + run] == v) {
                    run++;
                }
                i += run;
                if (v == 0) {
                    while (run >= 11) {
                        int r = Math.min(run, 138);
                        symbols[n++] = 18 | (r - 11) << 8;
                        run -= r;
                    }
                    if (run >= 3) {
                        symbols[n++] = 17 | (run - 3) << 8;
                        run = 0;
                    }
                } else {
                    symbols[n++] = v;
                    run--;
                    while (run >= 3) {
                        int r = Math.min(run, 6);
                        symbols[n++] = 16 | (r - 3) << 8;
                        run -= r;
                    }
                }
                for (; run > 0; run--) {
                    symbols[n++] = v;
                }
            }
            for (int k = 0; k < n; k++) {
                freq[symbols[k] & 0xFF]++;
            }
            Codes cl = Codes.of(freq, 7);
            int hclen = 19;
            while (hclen > 4 && cl.lengths[CODE_LENGTH_ORDER[hclen - 1]] == 0) {
                hclen--;
            }
            long bits = 14 + 3L * hclen + cl.cost(freq) + 2L * freq[16] + 3L * freq[17] + 7L * freq[18];
            return new Header(hlit, hdist, symbols, n, cl, hclen, bits);
        }

        void write(BitWriter out) {
            out.write(hlit - 257, 5);
            out.write(hdist - 1, 5);
            out.write(hclen - 4, 4);
            for (int k = 0; k < hclen; k++) {
                out.write(codeLengthCodes.lengths[CODE_LENGTH_ORDER[k]], 3);
            }
            for (int k = 0; k < count; k++) {
                int s = symbols[k] & 0xFF;
                out.write(codeLengthCodes.codes[s], codeLengthCodes.lengths[s]);
                int extra = symbols[k] >>> 8;
                if (s == 16) {
                    out.write(extra, 2);
                } else if (s == 17) {
                    out.write(extra, 3);
                } else if (s == 18) {
                    out.write(extra, 7);
                }
            }
        }
    }

    /** Bits into bytes, least significant first, as deflate packs them. */
    private static final class BitWriter {
        private final byte[] out;
        private int pos;
        private long buffer;
        private int count;

        BitWriter(byte[] out, int pos) {
            this.out = out;
            this.pos = pos;
        }

        /** Appends the low {@code n} bits of {@code value}, n at most 24. */
        void write(int value, int n) {
            buffer |= (long) value << count;
            count += n;
            if (count >= 32) {
                INT.set(out, pos, (int) buffer);
                pos += 4;
                buffer >>>= 32;
                count -= 32;
            }
        }

        void alignToByte() {
            while (count > 0) {
                out[pos++] = (byte) buffer;
                buffer >>>= 8;
                count = Math.max(0, count - 8);
            }
            buffer = 0;
        }

        /** Copies bytes after {@link #alignToByte()}. */
        void writeBytes(byte[] src, int from, int n) {
            System.arraycopy(src, from, out, pos, n);
            pos += n;
        }

        int position() {
            return pos;
        }
    }
}
