package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FastDeflateTest {
    /** Deflates {@code data} in pieces cut at {@code cuts}, as the PNG encoder's bands, and inflates them back. */
    private static byte[] roundTrip(byte[] data, int... cuts) throws Exception {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        zlib.write(ZlibPieces.header());
        int[] bounds = new int[cuts.length + 2];
        System.arraycopy(cuts, 0, bounds, 1, cuts.length);
        bounds[bounds.length - 1] = data.length;
        int adler = 1; // Adler-32 of nothing
        for (int k = 0; k + 1 < bounds.length; k++) {
            int off = bounds[k];
            int len = bounds[k + 1] - off;
            byte[] out = new byte[FastDeflate.bound(len)];
            int end = FastDeflate.deflate(data, off, len, k + 2 == bounds.length, out, 0);
            zlib.write(out, 0, end);
            adler = ZlibPieces.combineAdler32(adler, ZlibPiecesTest.adler32(data, off, len), len);
        }
        zlib.write(new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler});

        Inflater inflater = new Inflater(); // zlib, so that the Adler-32 is checked too
        inflater.setInput(zlib.toByteArray());
        byte[] back = new byte[data.length + 1];
        int n = data.length == 0 ? 0 : inflater.inflate(back);
        if (data.length > 0) {
            assertThat(inflater.finished()).isTrue();
            assertThat(inflater.getRemaining()).isZero();
        }
        return Arrays.copyOf(back, n);
    }

    private static byte[] random(long seed, int n, int alphabet) {
        Random random = new Random(seed);
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) random.nextInt(alphabet);
        }
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 100, 65_535, 65_536, 200_000})
    void incompressibleBytesGoOutStoredAndComeBackAtAnyLength(int n) throws Exception {
        byte[] data = random(n, n, 256);
        assertThat(roundTrip(data)).isEqualTo(data);
        byte[] out = new byte[FastDeflate.bound(n)];
        assertThat(FastDeflate.deflate(data, 0, n, true, out, 0)).isLessThanOrEqualTo(FastDeflate.bound(n));
    }

    @Test
    void longRunsUseMaximalMatchesAndCompress() throws Exception {
        byte[] data = new byte[100_000]; // zeros: matches of 258 at distance 1, overlapping themselves
        data[50_000] = 7;
        assertThat(roundTrip(data)).isEqualTo(data);
        byte[] out = new byte[FastDeflate.bound(data.length)];
        assertThat(FastDeflate.deflate(data, 0, data.length, true, out, 0)).isLessThan(1_000);
    }

    @Test
    void matchesAtTheFarEndOfTheWindowAndJustBeyondIt() throws Exception {
        byte[] block = random(3, 300, 256);
        for (int gap : new int[] {32_768 - 300, 32_768 - 299, 32_768}) {
            byte[] data = new byte[gap + 600];
            System.arraycopy(block, 0, data, 0, 300);
            System.arraycopy(random(gap, gap - 300, 256), 0, data, 300, gap - 300);
            System.arraycopy(block, 0, data, gap, 300); // the same 300 bytes again, `gap` later
            assertThat(roundTrip(data)).as("gap " + gap).isEqualTo(data);
        }
    }

    @Test
    void skewedAlphabetsForceLengthLimitedCodes() throws Exception {
        // Fibonacci-like frequencies make a plain Huffman code deeper than deflate's 15 bits.
        ByteArrayOutputStream skewed = new ByteArrayOutputStream();
        long a = 1;
        long b = 1;
        for (int symbol = 0; symbol < 25; symbol++) {
            for (long k = 0; k < a; k++) {
                skewed.write(symbol * 10 + (int) (k % 2)); // two neighbours alternating: few matches
            }
            long next = a + b;
            a = b;
            b = next;
            if (a > 120_000) {
                break;
            }
        }
        byte[] data = skewed.toByteArray();
        Random random = new Random(4);
        for (int i = 0; i < data.length; i += 3) {
            data[i] = (byte) (data[i] + random.nextInt(2)); // break up the runs, so literals carry the weight
        }
        assertThat(roundTrip(data)).isEqualTo(data);
    }

    @Test
    void codeLengthsStayWithinTheLimitAndMakeACompleteCode() {
        int[] freq = new int[286];
        int a = 1;
        int b = 1;
        for (int s = 0; s < 30; s++) { // Fibonacci frequencies: an unlimited Huffman code would be 29 bits deep
            freq[s] = a;
            int next = a + b;
            a = b;
            b = next;
        }
        for (int limit : new int[] {7, 15}) {
            int[] lengths = FastDeflate.Codes.lengths(freq, limit);
            double kraft = 0;
            for (int s = 0; s < lengths.length; s++) {
                assertThat(lengths[s]).isBetween(freq[s] > 0 ? 1 : 0, freq[s] > 0 ? limit : 0);
                kraft += lengths[s] == 0 ? 0 : Math.pow(2, -lengths[s]);
            }
            assertThat(kraft).as("Kraft sum, limit " + limit).isEqualTo(1.0);
        }
    }

    @Test
    void oneSymbolAndTwoSymbolInputs() throws Exception {
        assertThat(roundTrip(new byte[] {42})).containsExactly(42);
        assertThat(roundTrip(new byte[] {1, 2})).containsExactly(1, 2);
        byte[] ones = new byte[10];
        Arrays.fill(ones, (byte) 1);
        assertThat(roundTrip(ones)).isEqualTo(ones);
    }

    @Test
    void piecesCutAnywhereStitchIntoOneStream() throws Exception {
        byte[] data = random(5, 500_000, 16); // compressible: short matches everywhere
        for (int i = 100_000; i < 120_000; i++) {
            data[i] = 0;
        }
        assertThat(roundTrip(data, 1, 2, 99_999, 110_000, 262_144, 499_999)).isEqualTo(data);
    }

    /**
     * Hand-written compression is only as good as the inputs it was tried on: many seeded inputs made of the
     * pieces real rows are made of (noise of every alphabet size, runs, copies from near and from beyond the
     * window, slowly changing values), cut into pieces at random, must all come back exactly through zlib.
     */
    @Test
    void mixedInputsOfEveryKindComeBackExactly() throws Exception {
        Random random = new Random(2026);
        for (int round = 0; round < 300; round++) {
            byte[] data = mixed(random, random.nextInt(round < 200 ? 5_000 : 150_000));
            int[] cuts = random.ints(random.nextInt(4), 0, data.length + 1).sorted().distinct().toArray();
            assertThat(roundTrip(data, cuts)).as("round %d, %d bytes, cuts %s", round, data.length,
                    Arrays.toString(cuts)).isEqualTo(data);
        }
    }

    private static byte[] mixed(Random random, int n) {
        byte[] data = new byte[n];
        int at = 0;
        while (at < n) {
            int len = Math.min(n - at, 1 + random.nextInt(random.nextBoolean() ? 64 : 4_000));
            switch (random.nextInt(5)) {
                case 0 -> {
                    int alphabet = new int[] {2, 3, 16, 256}[random.nextInt(4)];
                    for (int i = 0; i < len; i++) {
                        data[at + i] = (byte) random.nextInt(alphabet);
                    }
                }
                case 1 -> Arrays.fill(data, at, at + len, (byte) random.nextInt(256));
                case 2 -> {
                    int distance = 1 + random.nextInt(Math.max(1, Math.min(at, 40_000)));
                    for (int i = 0; i < len && at >= distance; i++) {
                        data[at + i] = data[at + i - distance];
                    }
                }
                case 3 -> {
                    int value = random.nextInt(256);
                    for (int i = 0; i < len; i++) {
                        value += random.nextInt(3) - 1;
                        data[at + i] = (byte) value;
                    }
                }
                default -> {
                    int period = 1 + random.nextInt(12);
                    for (int i = 0; i < len; i++) {
                        data[at + i] = (byte) (i % period * 37);
                    }
                }
            }
            at += len;
        }
        return data;
    }

    @Test
    void sameInputSameBytes() {
        byte[] data = random(6, 300_000, 40);
        byte[] first = new byte[FastDeflate.bound(data.length)];
        byte[] second = new byte[FastDeflate.bound(data.length)];
        int n = FastDeflate.deflate(data, 0, data.length, false, first, 0);
        assertThat(FastDeflate.deflate(data, 0, data.length, false, second, 0)).isEqualTo(n);
        assertThat(second).isEqualTo(first);
    }
}
