package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class ZlibPiecesTest {
    private static int adler32(byte[] data, int off, int len) {
        Adler32 adler = new Adler32();
        adler.update(data, off, len);
        return (int) adler.getValue();
    }

    @Test
    void combinedAdler32EqualsTheWholeOnes() {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        for (int cut : new int[] {0, 1, 65_520, 65_521, 65_522, 200_000, 300_000}) {
            int combined = ZlibPieces.combineAdler32(adler32(data, 0, cut), adler32(data, cut, data.length - cut),
                    data.length - cut);
            assertThat(combined).as("cut at " + cut).isEqualTo(adler32(data, 0, data.length));
        }
    }

    @Test
    void headersAreValidForEveryLevel() {
        for (int level = 0; level <= 9; level++) {
            byte[] header = ZlibPieces.header(level);
            assertThat(((header[0] & 0xFF) << 8 | header[1] & 0xFF) % 31).isZero();
            assertThat(header[1] & 0x20).as("no preset dictionary").isZero();
        }
    }

    @Test
    void piecesStitchIntoOneStreamEvenWhenTheOutputMustGrow() throws Exception {
        byte[] data = new byte[100_000];
        new Random(2).nextBytes(data); // incompressible: stored blocks, a little larger than the input
        byte[] header = ZlibPieces.header(1);
        ZlibPieces.Piece first = ZlibPieces.deflate(data, 0, 60_000, 1, false, header.clone(), 2);
        ZlibPieces.Piece second = ZlibPieces.deflate(data, 60_000, 40_000, 1, true, new byte[10], 0);
        int adler = ZlibPieces.combineAdler32(adler32(data, 0, 60_000), adler32(data, 60_000, 40_000), 40_000);

        byte[] stream = new byte[first.end() + second.end() + 4];
        System.arraycopy(first.bytes(), 0, stream, 0, first.end());
        System.arraycopy(second.bytes(), 0, stream, first.end(), second.end());
        for (int i = 0; i < 4; i++) {
            stream[stream.length - 4 + i] = (byte) (adler >>> (24 - 8 * i));
        }
        Inflater inflater = new Inflater();
        inflater.setInput(stream);
        byte[] back = new byte[data.length];
        assertThat(inflater.inflate(back)).isEqualTo(data.length);
        assertThat(inflater.finished()).isTrue();
        assertThat(back).isEqualTo(data);
    }
}
