package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.config.BackendConfig;
import io.brushwork.config.ConfigException;
import io.brushwork.engine.BackendValues;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each provider type reads its own keys from a backend's settings as written. */
class ProviderSettingsTest {
    private static BackendValues written(String type, Map<String, String> settings) {
        return new BackendValues("p", new BackendConfig(Optional.of(type), settings, "backends.p in x.yaml"));
    }

    @Test
    void ideogram() {
        IdeogramSettings s = IdeogramSettings.from(written("ideogram", Map.of("api-key", "k")));
        assertThat(s.baseUrl()).isEqualTo(IdeogramSettings.DEFAULT_BASE_URL);
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.model()).isEqualTo("V_2");
        assertThatThrownBy(() -> IdeogramSettings.from(written("ideogram", Map.of())))
                .isInstanceOf(ConfigException.class).hasMessage("backends.p needs api-key");
        assertThatThrownBy(() -> IdeogramSettings.from(written("ideogram", Map.of("api-key", "k", "model", "V_3"))))
                .hasMessage("backends.p: Ideogram's edit takes model V_2 or V_2_TURBO, got V_3");
    }

    @Test
    void openAi() {
        OpenAiImagesSettings s = OpenAiImagesSettings.from(written("openai",
                Map.of("model", "dall-e-2", "sizes", "256x256, 512x512", "timeout", "2m")));
        assertThat(s.baseUrl()).isEqualTo(OpenAiImagesSettings.DEFAULT_BASE_URL);
        assertThat(s.sizes()).containsExactly(new ImageSize(256, 256), new ImageSize(512, 512));
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.apiKey()).isEmpty();
        assertThatThrownBy(() -> OpenAiImagesSettings.from(written("openai", Map.of("model", "m", "size", "1x1"))))
                .hasMessage("backends.p: unknown key 'size' for type openai");
    }

    @Test
    void ioPaintAndSdWebUiNeedTheirServer() {
        assertThatThrownBy(() -> IoPaintSettings.from(written("iopaint", Map.of())))
                .hasMessage("backends.p needs base-url");
        IoPaintSettings paint = IoPaintSettings.from(written("iopaint",
                Map.of("base-url", "http://127.0.0.1:8080", "model", "lama")));
        assertThat(paint.model()).hasValue("lama");

        SdWebUiSettings sd = SdWebUiSettings.from(written("sd-webui", Map.of("base-url", "http://127.0.0.1:7860")));
        assertThat(sd).isEqualTo(SdWebUiSettings.defaults(URI.create("http://127.0.0.1:7860"),
                ProviderEngine.DEFAULT_TIMEOUT));
        assertThatThrownBy(() -> SdWebUiSettings.from(written("sd-webui",
                Map.of("base-url", "http://127.0.0.1:7860", "steps", "0"))))
                .hasMessage("backends.p: steps must be within 1..150, got 0");
        assertThat(SdWebUiSettings.from(written("sd-webui", Map.of("base-url", "http://h:1", "sampler", "Euler a",
                "inpaint-full-res", "true"))).sampler()).isEqualTo(Optional.of("Euler a"));
        assertThat(List.of(paint.timeout(), sd.timeout())).as("the README's default")
                .containsOnly(Duration.ofMinutes(5));
    }
}
