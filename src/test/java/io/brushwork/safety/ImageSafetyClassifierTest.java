package io.brushwork.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.brushwork.image.ArgbImage;
import io.brushwork.safety.ClassifierSettings.Layout;
import io.brushwork.safety.ImageSafetyClassifier.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real ONNX Runtime sessions on the tiny brightness classifier that {@link TinyClassifierModel} writes. */
class ImageSafetyClassifierTest {
    private static final List<String> LABELS = List.of("safe", "unsafe");

    @TempDir
    Path dir;

    private static ClassifierSettings settings(Path model, Layout layout, int size, double threshold,
            boolean softmax) {
        return new ClassifierSettings(model, size, size, layout, new float[] {0, 0, 0}, new float[] {1, 1, 1},
                LABELS, Set.of("unsafe"), threshold, softmax);
    }

    private static ArgbImage solid(int width, int height, int rgb) {
        int[] px = new int[width * height];
        Arrays.fill(px, 0xFF000000 | rgb);
        return new ArgbImage(width, height, px, false);
    }

    /** What the logits model gives after softmax: sigmoid(2 · gain · (m - 0.5)). */
    private static double softmaxedUnsafe(double m, double gain) {
        return 1 / (1 + Math.exp(-2 * gain * (m - 0.5)));
    }

    @Test
    void whiteIsUnsafeAndBlackIsSafe() throws Exception {
        Path model = TinyClassifierModel.logits().write(dir, "logits.onnx");
        try (ImageSafetyClassifier classifier = ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, .5, true))) {
            Verdict white = classifier.classify(solid(20, 30, 0xFFFFFF));
            assertThat(white.safe()).isFalse();
            assertThat(white.topLabel()).isEqualTo("unsafe");
            assertThat(white.unsafeScore()).isCloseTo(softmaxedUnsafe(1, 8), within(1e-5));

            Verdict black = classifier.classify(solid(20, 30, 0x000000));
            assertThat(black.safe()).isTrue();
            assertThat(black.topLabel()).isEqualTo("safe");
            assertThat(black.unsafeScore()).isCloseTo(softmaxedUnsafe(0, 8), within(1e-5));
        }
    }

    @Test
    void anImageIsUnsafeFromTheThresholdUp() throws Exception {
        Path model = TinyClassifierModel.probabilities().write(dir, "probabilities.onnx");
        ArgbImage quarter = solid(8, 8, 0x404040); // m = 64/255 = 0.25098
        try (ImageSafetyClassifier low = ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, .25, false));
                ImageSafetyClassifier high = ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, .26, false));
                ImageSafetyClassifier zero = ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, 0, false))) {
            assertThat(low.classify(quarter).unsafeScore()).isCloseTo(64 / 255.0, within(1e-6));
            assertThat(low.classify(quarter).safe()).isFalse();
            assertThat(high.classify(quarter).safe()).isTrue();
            assertThat(high.classify(quarter).topLabel()).as("the top label ignores the threshold").isEqualTo("safe");
            assertThat(zero.classify(solid(8, 8, 0)).safe()).as("a score equal to the threshold is unsafe").isFalse();
        }
    }

    @Test
    void softmaxIsAppliedOnlyWhenAsked() throws Exception {
        Path model = TinyClassifierModel.probabilities().write(dir, "probabilities.onnx");
        ArgbImage grey = solid(8, 8, 0xC0C0C0); // m = 192/255
        double m = 192 / 255.0;
        try (ImageSafetyClassifier raw = ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, .5, false));
                ImageSafetyClassifier softmaxed = ImageSafetyClassifier.open(
                        settings(model, Layout.NCHW, 8, .5, true))) {
            assertThat(raw.classify(grey).unsafeScore()).isCloseTo(m, within(1e-6));
            // softmax([1 - m, m]) puts 1 / (1 + e^(1 - 2m)) on "unsafe"
            assertThat(softmaxed.classify(grey).unsafeScore())
                    .isCloseTo(1 / (1 + Math.exp(1 - 2 * m)), within(1e-6));
        }
    }

    @Test
    void nchwAndNhwcModelsSeeTheSameChannels() throws Exception {
        ArgbImage orange = solid(13, 9, 0xC8320A); // R 200, G 50, B 10
        for (Layout layout : Layout.values()) {
            Path redModel = TinyClassifierModel.probabilities().layout(layout).channelWeights(3, 0, 0)
                    .write(dir, "red-" + layout + ".onnx");
            Path blueModel = TinyClassifierModel.probabilities().layout(layout).channelWeights(0, 0, 3)
                    .write(dir, "blue-" + layout + ".onnx");
            try (ImageSafetyClassifier red = ImageSafetyClassifier.open(settings(redModel, layout, 8, .5, false));
                    ImageSafetyClassifier blue = ImageSafetyClassifier.open(
                            settings(blueModel, layout, 8, .5, false))) {
                assertThat(red.classify(orange).unsafeScore()).as(layout + " red").isCloseTo(200 / 255.0,
                        within(1e-5));
                assertThat(blue.classify(orange).unsafeScore()).as(layout + " blue").isCloseTo(10 / 255.0,
                        within(1e-5));
            }
        }
    }

    @Test
    void meanAndStdNormaliseEachChannel() throws Exception {
        Path model = TinyClassifierModel.probabilities().write(dir, "probabilities.onnx");
        ClassifierSettings s = new ClassifierSettings(model, 8, 8, Layout.NCHW, new float[] {.5f, .25f, 0},
                new float[] {.5f, .25f, 2}, LABELS, Set.of("unsafe"), .5, false);
        try (ImageSafetyClassifier classifier = ImageSafetyClassifier.open(s)) {
            double r = (1 - .5) / .5; // white
            double g = (1 - .25) / .25;
            double b = (1 - 0) / 2.0;
            assertThat(classifier.classify(solid(8, 8, 0xFFFFFF)).unsafeScore()).isCloseTo((r + g + b) / 3,
                    within(1e-5));
        }
    }

    @Test
    void largeImagesAreResizedToTheModelInput() throws Exception {
        Path model = TinyClassifierModel.probabilities().write(dir, "probabilities.onnx");
        int w = 301;
        int h = 200;
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = i < w * h / 2 ? 0xFFFFFFFF : 0xFF000000; // top half white, bottom half black
        }
        try (ImageSafetyClassifier classifier = ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, .6, false))) {
            Verdict half = classifier.classify(new ArgbImage(w, h, px, false));
            assertThat(half.unsafeScore()).isCloseTo(.5, within(1e-4));
            assertThat(half.safe()).isTrue();
        }
    }

    @Test
    void dynamicDimensionsAcceptAnyInputSize() throws Exception {
        Path model = TinyClassifierModel.logits().dynamicSize().write(dir, "dynamic.onnx");
        for (int size : new int[] {8, 32}) {
            try (ImageSafetyClassifier classifier = ImageSafetyClassifier.open(
                    settings(model, Layout.NCHW, size, .5, true))) {
                assertThat(classifier.classify(solid(40, 40, 0xFFFFFF)).safe()).isFalse();
                assertThat(classifier.classify(solid(40, 40, 0x101010)).safe()).isTrue();
            }
        }
    }

    @Test
    void oneSessionServesManyThreads() throws Exception {
        Path model = TinyClassifierModel.logits().write(dir, "logits.onnx");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ImageSafetyClassifier classifier = ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, .5, true))) {
            List<Future<Verdict>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int shade = i % 2 == 0 ? 0xF0F0F0 : 0x0F0F0F;
                results.add(pool.submit(() -> classifier.classify(solid(16, 16, shade))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get().safe()).isEqualTo(i % 2 == 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedClassifierRefusesWork() throws Exception {
        Path model = TinyClassifierModel.logits().write(dir, "logits.onnx");
        ImageSafetyClassifier classifier = ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, .5, true));
        classifier.close();
        classifier.close(); // twice is fine
        assertThatThrownBy(() -> classifier.classify(solid(8, 8, 0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anInputSizeTheModelDoesNotTakeIsRefusedAtOpen() throws Exception {
        Path model = TinyClassifierModel.logits().write(dir, "logits.onnx");
        assertThatThrownBy(() -> ImageSafetyClassifier.open(settings(model, Layout.NCHW, 16, .5, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 'input' has shape [1, 3, 8, 8]")
                .hasMessageContaining("NCHW [1, 3, 16, 16]");
    }

    @Test
    void theWrongLayoutIsRefusedAtOpen() throws Exception {
        Path model = TinyClassifierModel.logits().layout(Layout.NCHW).write(dir, "nchw.onnx");
        assertThatThrownBy(() -> ImageSafetyClassifier.open(settings(model, Layout.NHWC, 8, .5, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 3, 8, 8]")
                .hasMessageContaining("NHWC [1, 8, 8, 3]")
                .hasMessageContaining("layout");
    }

    @Test
    void labelsThatDoNotMatchTheOutputAreRefusedAtOpen() throws Exception {
        Path model = TinyClassifierModel.logits().write(dir, "logits.onnx");
        ClassifierSettings threeLabels = new ClassifierSettings(model, 8, 8, Layout.NCHW, new float[3],
                new float[] {1, 1, 1}, List.of("neutral", "sexy", "porn"), Set.of("porn"), .5, true);
        assertThatThrownBy(() -> ImageSafetyClassifier.open(threeLabels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no float output of 3 classes")
                .hasMessageContaining("'logits' float [1, 2]");
    }

    @Test
    void aModelWithTwoInputsIsRefusedAtOpen() throws Exception {
        Path model = TinyClassifierModel.logits().extraInput().write(dir, "two-inputs.onnx");
        assertThatThrownBy(() -> ImageSafetyClassifier.open(settings(model, Layout.NCHW, 8, .5, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 2 inputs [input, extra]");
    }

    @Test
    void aMissingOrBrokenModelFileIsRefusedAtOpen() throws Exception {
        Path missing = dir.resolve("missing.onnx");
        assertThatThrownBy(() -> ImageSafetyClassifier.open(settings(missing, Layout.NCHW, 8, .5, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.onnx is not a file");
        Path garbage = Files.write(dir.resolve("garbage.onnx"), "not a model".getBytes());
        assertThatThrownBy(() -> ImageSafetyClassifier.open(settings(garbage, Layout.NCHW, 8, .5, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load classifier model");
    }
}
