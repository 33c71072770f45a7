package io.brushwork.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.brushwork.image.ArgbImage;
import io.brushwork.safety.ClassifierSettings.Layout;
import java.nio.file.Path;
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
    void meanAndStdApplyPerChannel() {
        ClassifierSettings s = new ClassifierSettings(Path.of("unused.onnx"), 1, 1, Layout.NCHW,
                new float[] {.485f, .456f, .406f}, new float[] {.229f, .224f, .225f}, List.of("a", "b"),
                Set.of("b"), .5, true);
        float[] t = ClassifierInput.tensor(row(0xFFFFFFFF), s);
        assertThat(t).containsExactly(new float[] {(1 - .485f) / .229f, (1 - .456f) / .224f, (1 - .406f) / .225f},
                within(1e-5f));
    }
}
