package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;

class ZlibPiecesTest {
    static int adler32(byte[] data, int off, int len) {
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
    void headerIsValid() {
        byte[] header = ZlibPieces.header();
        assertThat(header[0] & 0x0F).as("deflate").isEqualTo(8);
        assertThat(((header[0] & 0xFF) << 8 | header[1] & 0xFF) % 31).isZero();
        assertThat(header[1] & 0x20).as("no preset dictionary").isZero();
    }
}
