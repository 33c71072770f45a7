package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResampleTest {
    /** A 7x3 plane, and what Pillow 12.3 answers for it with {@code Image.resize(size, Image.BILINEAR)}, mode F. */
    private static final float[] PLANE = {
            3, 47, 200, 13, 99, 150, 255,
            0, 10, 20, 30, 40, 50, 60,
            255, 0, 255, 0, 255, 0, 255};

    @Test
    void shrinksAsPilDoes() {
        float[] out = new Resample(7, 3, 3, 2).plane(PLANE);
        assertThat(out).containsExactly(new float[] {
                43.2589f, 65.8088f, 129.6429f,
                94.2857f, 86.2500f, 110.3571f}, within(1e-3f));
    }

    @Test
    void enlargesAsPilDoes() {
        float[] out = new Resample(7, 3, 11, 5).plane(PLANE);
        assertThat(out).containsExactly(new float[] {
                3.0000f, 23.0000f, 60.9091f, 158.2727f, 132.0000f, 13.0000f, 67.7273f, 112.9091f, 145.3636f,
                207.2727f, 255.0000f,
                1.8000f, 15.6182f, 40.9091f, 101.8727f, 88.6545f, 19.8000f, 55.1818f, 84.8364f, 106.8545f,
                146.5455f, 177.0000f,
                0.0000f, 4.5455f, 10.9091f, 17.2727f, 23.6364f, 30.0000f, 36.3636f, 42.7273f, 49.0909f,
                55.4545f, 60.0000f,
                153.0000f, 85.2727f, 18.2727f, 118.1818f, 106.8182f, 12.0000f, 111.9091f, 128.3636f, 33.5455f,
                105.6364f, 177.0000f,
                255.0000f, 139.0909f, 23.1818f, 185.4545f, 162.2727f, 0.0000f, 162.2727f, 185.4545f, 23.1818f,
                139.0909f, 255.0000f}, within(1e-3f));
    }

    @Test
    void enlargingInterpolatesBetweenPixelCentres() {
        float[] out = new Resample(2, 1, 4, 1).rgb(new int[] {0xFF000000, 0xFFFFFFFF});
        // output centres fall at source x = 0.25, 0.75, 1.25, 1.75; beyond the outer centres the edge is held
        assertThat(red(out)).containsExactly(new float[] {0, 63.75f, 191.25f, 255}, within(1e-3f));
    }

    @Test
    void shrinkingAveragesEveryPixelUnderATriangleAsWideAsTheShrink() {
        float[] out = new Resample(4, 1, 2, 1).rgb(new int[] {0xFF000000, 0xFF640000, 0xFFC80000, 0xFFFF0000});
        // output 0 is centred at x = 1 with a triangle of half-width 2: pixels 0, 1, 2 weigh .75, .75, .25
        float first = (0 * .75f + 100 * .75f + 200 * .25f) / 1.75f;
        // output 1 is centred at x = 3: pixels 1, 2, 3 weigh .25, .75, .75
        float second = (100 * .25f + 200 * .75f + 255 * .75f) / 1.75f;
        assertThat(red(out)).containsExactly(new float[] {first, second}, within(1e-3f));
    }

    @Test
    void aUniformImageStaysUniformWhateverTheSizes() {
        int[] px = new int[997 * 613];
        Arrays.fill(px, 0xFF336699);
        float[] out = new Resample(997, 613, 7, 5).rgb(px);
        for (int i = 0; i < out.length; i += 3) {
            assertThat(out[i]).isCloseTo(0x33, within(1e-2f));
            assertThat(out[i + 1]).isCloseTo(0x66, within(1e-2f));
            assertThat(out[i + 2]).isCloseTo(0x99, within(1e-2f));
        }
    }

    @Test
    void theSameSizeIsACopy() {
        int[] px = {0xFF010203, 0xFF040506, 0xFF070809, 0xFF0A0B0C, 0xFF0D0E0F, 0xFF101112};
        float[] out = new Resample(3, 2, 3, 2).rgb(px);
        float[] expected = new float[18];
        for (int i = 0; i < 18; i++) {
            expected[i] = i + 1;
        }
        assertThat(out).containsExactly(expected);
        assertThat(new Resample(3, 2, 3, 2).argb(px)).containsExactly(px);
    }

    /** Planes, RGB and ARGB are one filter: each channel comes out as its own plane would. */
    @Test
    void everyEntryPointIsTheSameFilter() {
        Random random = new Random(7);
        int[] px = new int[53 * 31];
        float[][] planes = new float[4][px.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = random.nextInt();
            for (int c = 0; c < 4; c++) {
                planes[c][i] = (px[i] >>> (8 * (3 - c))) & 0xff; // A, R, G, B
            }
        }
        for (int[] size : new int[][] {{17, 9}, {120, 77}, {53, 12}}) {
            Resample resample = new Resample(53, 31, size[0], size[1]);
            float[] rgb = resample.rgb(px);
            int[] argb = resample.argb(px);
            for (int c = 0; c < 4; c++) {
                float[] plane = resample.plane(planes[c]);
                for (int i = 0; i < plane.length; i++) {
                    if (c > 0) {
                        assertThat(rgb[i * 3 + c - 1]).isEqualTo(plane[i]);
                    }
                    assertThat((argb[i] >>> (8 * (3 - c))) & 0xff).isEqualTo(Math.round(plane[i]));
                }
            }
        }
    }

    @Test
    void refusesDataOfAnotherSize() {
        assertThatThrownBy(() -> new Resample(3, 2, 1, 1).plane(new float[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x2");
        assertThatThrownBy(() -> new Resample(0, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] red(float[] rgb) {
        float[] r = new float[rgb.length / 3];
        for (int i = 0; i < r.length; i++) {
            r[i] = rgb[i * 3];
        }
        return r;
    }
}
