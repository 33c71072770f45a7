package io.brushwork.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        BrushworkConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.data()).isEqualTo(Path.of("./data"));
        assertThat(c.publicUrl()).isEmpty();
        assertThat(c.imageTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.maxFileSize()).isEqualTo(25L * 1024 * 1024);
        assertThat(c.maxPixels()).isEqualTo(40_000_000L);
        assertThat(c.auth()).isTrue();
        assertThat(c.models()).containsEntry("V_2", new ModelRoute("patchmatch", "quality"))
                .containsEntry("V_2_TURBO", new ModelRoute("patchmatch", "fast"));
    }

    @Test
    void fileThenEnvironmentThenFlags() throws Exception {
        Path file = dir.resolve("brushwork.yaml");
        Files.writeString(file, String.join("\n",
                "port: 9000",
                "image-ttl: 90m",
                "max-file-size: 10MB",
                "public-url: https://img.example.test/",
                "models:",
                "  v_2: {engine: telea, preset: fast}",
                "  MY_MODEL: {engine: telea, preset: quality}",
                ""));
        BrushworkConfig fromFile = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        assertThat(fromFile.port()).isEqualTo(9000);
        assertThat(fromFile.imageTtl()).isEqualTo(Duration.ofMinutes(90));
        assertThat(fromFile.maxFileSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(fromFile.publicUrl()).hasValue("https://img.example.test");
        assertThat(fromFile.models()).containsEntry("V_2", new ModelRoute("telea", "fast"))
                .containsEntry("MY_MODEL", new ModelRoute("telea", "quality"));

        BrushworkConfig withEnv = ConfigLoader.load(Optional.of(file),
                Map.of("BRUSHWORK_PORT", "9100", "BRUSHWORK_IMAGE_TTL", "PT2H"), Map.of());
        assertThat(withEnv.port()).isEqualTo(9100);
        assertThat(withEnv.imageTtl()).isEqualTo(Duration.ofHours(2));

        BrushworkConfig withFlag = ConfigLoader.load(Optional.of(file), Map.of("BRUSHWORK_PORT", "9100"),
                Map.of("port", "9200"));
        assertThat(withFlag.port()).isEqualTo(9200);
    }

    @Test
    void routesAndBackends() throws Exception {
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, String.join("\n",
                "backends:",
                "  lama: {type: onnx, contract: lama, model: /models/lama.onnx, threads: 2}",
                "  openai: {type: openai, base-url: 'https://api.openai.com', model: gpt-image-1}",
                "models:",
                "  V_2:",
                "    route:",
                "      - {backend: lama, tier: 1, weight: 2, timeout: 2m, max-concurrent: 2, retries: 1}",
                "      - {backend: openai, tier: 1}",
                "      - {backend: patchmatch, preset: quality, tier: 2, cooldown: 1m}",
                ""));
        BrushworkConfig c = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        assertThat(c.backends().get("lama")).isEqualTo(new BackendConfig(Optional.of("onnx"),
                Map.of("contract", "lama", "model", "/models/lama.onnx", "threads", "2"), "backends.lama in " + file));
        assertThat(c.models().get("V_2").steps()).containsExactly(
                new RouteStep("lama", "default", 1, 2, Duration.ofMinutes(2), 2, 1, Duration.ofSeconds(30)),
                new RouteStep("openai", "default", 1, 1, Duration.ofMinutes(10), 0, 2, Duration.ofSeconds(30)),
                new RouteStep("patchmatch", "quality", 2, 1, Duration.ofMinutes(10), 0, 2, Duration.ofMinutes(1)));
        assertThat(c.models().get("V_2_TURBO")).isEqualTo(new ModelRoute("patchmatch", "fast"));

        Files.writeString(file, "models:\n  V_2:\n    route:\n      - {backend: lama, wieght: 2}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .hasMessageContaining("unknown route key 'wieght'");
        Files.writeString(file, "backends:\n  x: {model: a.onnx}\n  y: onnx\n");
        assertThat(ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).backends())
                .as("the type is checked against the server's list of types (BackendsTest)")
                .containsEntry("x", new BackendConfig(Optional.empty(), Map.of("model", "a.onnx"),
                        "backends.x in " + file))
                .containsEntry("y", new BackendConfig(Optional.empty(), Map.of(), "backends.y in " + file));
    }

    @Test
    void mistakesNameTheKeyAndWhereTheValueCameFrom() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "prot: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'prot'");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_MAX_FILE_SIZE", "lots"),
                Map.of()))
                .hasMessageContaining("max-file-size from BRUSHWORK_MAX_FILE_SIZE is 'lots'");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("port", "70000")))
                .hasMessageContaining("port from --port");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_IMAGE_TTL", "0s"), Map.of()))
                .hasMessageContaining("positive duration");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_PUBLIC_URL", "img.test"),
                Map.of()))
                .hasMessageContaining("http://");

        Path badModel = dir.resolve("model.yaml");
        Files.writeString(badModel, "models:\n  V_3: {engine: telea}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(badModel), Map.of(), Map.of()))
                .hasMessageContaining("models.V_3").hasMessageContaining("preset");
    }
}
