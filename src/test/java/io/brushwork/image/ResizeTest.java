package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResizeTest {

    @Test
    void sameSizeIsTheImageItself() {
        ArgbImage image = new ArgbImage(3, 2, new int[6], false);
        assertThat(Resize.bilinear(image, 3, 2)).isSameAs(image);
    }

    @Test
    void aFlatImageStaysFlatAndKeepsItsAlphaFlag() {
        int[] px = new int[12];
        Arrays.fill(px, 0x80336699);
        ArgbImage out = Resize.bilinear(new ArgbImage(4, 3, px, true), 9, 5);
        assertThat(out.width()).isEqualTo(9);
        assertThat(out.height()).isEqualTo(5);
        assertThat(out.hasAlpha()).isTrue();
        assertThat(out.pixels()).containsOnly(0x80336699);
    }

    @Test
    void interpolatesBetweenNeighboursAndKeepsTheCorners() {
        // Black to white across two pixels; doubled, the inner pixels fall a quarter of the way in.
        ArgbImage image = new ArgbImage(2, 1, new int[] {0xFF000000, 0xFFFFFFFF}, false);
        int[] out = Resize.bilinear(image, 4, 1).pixels();
        assertThat(out[0]).isEqualTo(0xFF000000);
        assertThat(out[1] & 0xFF).isBetween(60, 68);
        assertThat(out[2] & 0xFF).isBetween(187, 195);
        assertThat(out[3]).isEqualTo(0xFFFFFFFF);
        assertThat(out[1] >>> 24).isEqualTo(0xFF);
    }

    @Test
    void shrinkingAveragesEveryPixelInsteadOfSkippingSome() {
        // One-pixel black and white stripes; a four-pixel lookup would land on some stripes and miss others.
        int[] px = new int[64 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 2 == 0 ? 0xFF000000 : 0xFFFFFFFF;
        }
        int[] out = Resize.bilinear(new ArgbImage(64, 8, px, false), 8, 2).pixels();
        for (int p : out) {
            assertThat(p & 0xFF).isBetween(112, 143);
            assertThat(p >>> 24).isEqualTo(0xFF);
        }
    }

    @Test
    void shrinkingAMaskKeepsThinStrokes() {
        boolean[] cells = new boolean[100 * 10];
        for (int y = 0; y < 10; y++) {
            cells[y * 100 + 37] = true; // a one-pixel vertical line
        }
        Mask small = Resize.mask(new Mask(100, 10, cells), 10, 5);
        assertThat(small.holeCount()).isEqualTo(5);
        for (int y = 0; y < 5; y++) {
            assertThat(small.isHole(3, y)).isTrue();
        }
    }

    @Test
    void growingAMaskCoversTheSameArea() {
        Mask mask = new Mask(2, 2, new boolean[] {true, false, false, false});
        Mask big = Resize.mask(mask, 6, 6);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                assertThat(big.isHole(x, y)).as("%d,%d", x, y).isEqualTo(x < 3 && y < 3);
            }
        }
    }

    @Test
    void coverCutsTheLongerSideAboutTheCentreRatherThanStretching() {
        int[] pixels = new int[200 * 100];
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                pixels[y * 200 + x] = x < 50 || x >= 150 ? 0xFFFF0000 : 0xFF0000FF; // red sides, blue middle
            }
        }
        ArgbImage square = Resize.cover(new ArgbImage(200, 100, pixels, false), 64, 64);
        assertThat(square.width()).isEqualTo(64);
        assertThat(square.height()).isEqualTo(64);
        assertThat(square.pixels()).as("only the blue middle 100x100 is kept").containsOnly(0xFF0000FF);

        ArgbImage tall = Resize.cover(new ArgbImage(200, 100, pixels, false), 20, 40);
        assertThat(tall.pixels()).containsOnly(0xFF0000FF);
        ArgbImage same = Resize.cover(new ArgbImage(200, 100, pixels, false), 100, 50);
        assertThat(same.pixels()[0]).as("the same shape is only resized").isEqualTo(0xFFFF0000);
    }
}
