package io.brushwork.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.config.ConfigException;
import io.brushwork.config.SafetyConfig;
import io.brushwork.safety.ClassifierSettings.Layout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassifierSettingsTest {
    private static final Path MODEL = Path.of("nsfw.onnx");
    private static final float[] ZERO = {0, 0, 0};
    private static final float[] ONE = {1, 1, 1};
    private static final List<String> LABELS = List.of("drawings", "hentai", "neutral", "porn", "sexy");

    private static ClassifierSettings with(float[] mean, float[] std, Set<String> unsafe, double threshold) {
        return new ClassifierSettings(MODEL, 224, 224, Layout.NHWC, mean, std, LABELS, unsafe, threshold, false);
    }

    @Test
    void aTypicalNsfwModelIsAccepted() {
        ClassifierSettings s = with(ZERO, ONE, Set.of("hentai", "porn", "sexy"), .7);
        assertThat(s.labels()).containsExactlyElementsOf(LABELS);
        assertThat(s).isEqualTo(with(new float[3], new float[] {1, 1, 1}, Set.of("hentai", "porn", "sexy"), .7));
        assertThat(s.toString()).contains("224x224 NHWC", "[0.0, 0.0, 0.0]");
    }

    @Test
    void theArraysCannotBeChangedFromOutside() {
        float[] mean = {.5f, .5f, .5f};
        ClassifierSettings s = with(mean, ONE, Set.of("porn"), .5);
        mean[0] = 9;
        s.mean()[1] = 9;
        assertThat(s.mean()).containsExactly(.5f, .5f, .5f);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> with(ZERO, ONE, Set.of("nsfw"), .5)).hasMessageContaining("'nsfw' is not one of");
        assertThatThrownBy(() -> with(ZERO, ONE, Set.of(), .5)).hasMessageContaining("unsafe labels are empty");
        assertThatThrownBy(() -> with(new float[] {0}, ONE, Set.of("porn"), .5)).hasMessageContaining("R, G, B");
        assertThatThrownBy(() -> with(ZERO, new float[] {1, 0, 1}, Set.of("porn"), .5))
                .hasMessageContaining("std must be positive");
        assertThatThrownBy(() -> with(ZERO, ONE, Set.of("porn"), 1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new ClassifierSettings(MODEL, 0, 224, Layout.NCHW, ZERO, ONE, LABELS,
                Set.of("porn"), .5, false)).hasMessageContaining("0x224");
        assertThatThrownBy(() -> new ClassifierSettings(MODEL, 224, 224, Layout.NCHW, ZERO, ONE,
                List.of("a", "a"), Set.of("a"), .5, false)).hasMessageContaining("repeat");
    }

    private static SafetyConfig section(Optional<Path> model, String size, String mean, String threshold) {
        return new SafetyConfig(true, Optional.empty(), model, size, "nhwc", mean, "1, 1, 1",
                String.join(",", LABELS), "hentai,porn", threshold, false);
    }

    @Test
    void readFromTheSafetySectionOnlyWhenAModelIsSet() {
        assertThat(ClassifierSettings.from(section(Optional.empty(), "big", "none", "high"))).isEmpty();
        assertThat(ClassifierSettings.from(section(Optional.of(MODEL), "224", "0,0,0", "0.7")))
                .hasValue(new ClassifierSettings(MODEL, 224, 224, Layout.NHWC, ZERO, ONE, LABELS,
                        Set.of("hentai", "porn"), .7, false));
        assertThat(ClassifierSettings.from(section(Optional.of(MODEL), "299x224", "0,0,0", "0.7")).orElseThrow()
                .inputWidth()).isEqualTo(299);
        assertThatThrownBy(() -> ClassifierSettings.from(section(Optional.of(MODEL), "224", "0,0", "0.7")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("safety-classifier-*: classifier mean");
        assertThatThrownBy(() -> ClassifierSettings.from(section(Optional.of(MODEL), "224", "0,0,0", "high")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("safety-classifier-*: ");
    }
}
