package io.brushwork.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.brushwork.image.ArgbImage;
import io.brushwork.safety.ClassifierSettings.Layout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassifierInputTest {
    private static ClassifierSettings settings(int w, int h, Layout layout) {
        return new ClassifierSettings(Path.of("unused.onnx"), w, h, layout, new float[3], new float[] {1, 1, 1},
                List.of("safe", "unsafe"), Set.of("unsafe"), .5, true);
    }

    private static ArgbImage row(int... argb) {
        return new ArgbImage(argb.length, 1, argb, true);
    }

    @Test
    void nchwPutsEachChannelInItsOwnPlaneRowByRow() {
        // 2x2: (0,0) red, (1,0) green, (0,1) blue, (1,1) white
        ArgbImage image = new ArgbImage(2, 2, new int[] {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFFFFFFFF}, false);
        float[] t = ClassifierInput.tensor(image, settings(2, 2, Layout.NCHW));
        assertThat(t).containsExactly(
                1, 0, 0, 1, // R plane
                0, 1, 0, 1, // G plane
                0, 0, 1, 1); // B plane
    }

    @Test
    void nhwcKeepsEachPixelsChannelsTogether() {
        ArgbImage image = new ArgbImage(2, 2, new int[] {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFFFFFFFF}, false);
        float[] t = ClassifierInput.tensor(image, settings(2, 2, Layout.NHWC));
        assertThat(t).containsExactly(
                1, 0, 0, 0, 1, 0, // row 0
                0, 0, 1, 1, 1, 1); // row 1
    }

    @Test
    void alphaIsIgnored() {
        float[] t = ClassifierInput.tensor(row(0x00FF8000), settings(1, 1, Layout.NHWC));
        assertThat(t).containsExactly(1f, 128 / 255f, 0f);
    }

    @Test
    void enlargingInterpolatesBetweenPixelCentres() {
        float[] out = ClassifierInput.resize(row(0xFF000000, 0xFFFFFFFF), 4, 1);
        // output centres fall at source x = 0.25, 0.75, 1.25, 1.75; beyond the outer centres the edge is held
        assertThat(red(out)).containsExactly(new float[] {0, 63.75f, 191.25f, 255}, within(1e-3f));
    }

    @Test
    void shrinkingAveragesEveryPixelUnderATriangleAsWideAsTheShrink() {
        float[] out = ClassifierInput.resize(row(0xFF000000, 0xFF640000, 0xFFC80000, 0xFFFF0000), 2, 1);
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
        float[] out = ClassifierInput.resize(new ArgbImage(997, 613, px, false), 7, 5);
        for (int i = 0; i < out.length; i += 3) {
            assertThat(out[i]).isCloseTo(0x33, within(1e-2f));
            assertThat(out[i + 1]).isCloseTo(0x66, within(1e-2f));
            assertThat(out[i + 2]).isCloseTo(0x99, within(1e-2f));
        }
    }

    @Test
    void theSameSizeIsACopy() {
        ArgbImage image = new ArgbImage(3, 2, new int[] {0xFF010203, 0xFF040506, 0xFF070809, 0xFF0A0B0C,
                0xFF0D0E0F, 0xFF101112}, false);
        float[] out = ClassifierInput.resize(image, 3, 2);
        float[] expected = new float[18];
        for (int i = 0; i < 18; i++) {
            expected[i] = i + 1;
        }
        assertThat(out).containsExactly(expected);
    }

    @Test
    void meanAndStdApplyPerChannel() {
        ClassifierSettings s = new ClassifierSettings(Path.of("unused.onnx"), 1, 1, Layout.NCHW,
                new float[] {.485f, .456f, .406f}, new float[] {.229f, .224f, .225f}, List.of("a", "b"),
                Set.of("b"), .5, true);
        float[] t = ClassifierInput.tensor(row(0xFFFFFFFF), s);
        assertThat(t).containsExactly(new float[] {(1 - .485f) / .229f, (1 - .456f) / .224f, (1 - .406f) / .225f},
                within(1e-5f));
    }

    private static float[] red(float[] rgb) {
        float[] r = new float[rgb.length / 3];
        for (int i = 0; i < r.length; i++) {
            r[i] = rgb[i * 3];
        }
        return r;
    }
}
