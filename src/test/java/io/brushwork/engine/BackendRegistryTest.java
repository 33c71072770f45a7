package io.brushwork.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.Brushwork;
import io.brushwork.config.BackendConfig;
import io.brushwork.config.ConfigException;
import io.brushwork.config.ConfigLoader;
import io.brushwork.engine.telea.TeleaEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendRegistryTest {
    private static final BackendType ECHO = new BackendType("echo", (name, s) -> {
        s.text("preset", "fast");
        s.rejectUnused();
        return new UnavailableEngine(name, "an echo of " + s.text("preset", "fast"));
    });
    private static final BackendType DOWN = new BackendType("down", (name, s) -> {
        throw new BackendException(BackendException.Kind.MISCONFIGURED, name + " cannot start");
    });

    @TempDir
    Path dir;

    private static BackendRegistry register(Map<String, BackendConfig> backends) {
        return new BackendRegistry().register(new TeleaEngine()).configure(backends, List.of(ECHO, DOWN));
    }

    private static BackendConfig backend(String type, Map<String, String> settings) {
        return new BackendConfig(Optional.ofNullable(type), settings, "backends.b in test.yaml");
    }

    @Test
    void eachBackendIsMadeByItsTypeWrittenInAnyCase() {
        BackendRegistry engines = register(Map.of("b", backend("Echo", Map.of("preset", "slow"))));
        assertThat(engines.find("b")).get()
                .satisfies(e -> assertThat(e.status().problem()).hasValue("an echo of slow"));
        assertThat(engines.find("telea")).isPresent();
    }

    @Test
    void aBackendThatCannotWorkNowIsUnavailableNotFatal() {
        BackendRegistry engines = register(Map.of("b", backend("down", Map.of())));
        assertThat(engines.find("b")).get().isInstanceOf(UnavailableEngine.class)
                .satisfies(e -> assertThat(e.status().problem()).hasValue("b cannot start"));
    }

    @Test
    void theTypesInMessagesComeFromTheList() {
        assertThatThrownBy(() -> register(Map.of("b", backend("onnx", Map.of()))))
                .isInstanceOf(ConfigException.class).hasMessage("backends.b: unknown type 'onnx'; types: echo, down");
        assertThatThrownBy(() -> register(Map.of("b", backend(null, Map.of()))))
                .isInstanceOf(ConfigException.class).hasMessage("backends.b in test.yaml needs a type: echo or down");
        assertThatThrownBy(() -> register(Map.of("b", backend("echo", Map.of("presett", "x")))))
                .isInstanceOf(ConfigException.class).hasMessage("backends.b: unknown key 'presett' for type echo");
        assertThatThrownBy(() -> register(Map.of("telea", backend("echo", Map.of()))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backends.telea: the name is taken by a built-in engine");
    }

    @Test
    void theServersTypesAsTheOperatorSeesThem() throws Exception {
        Path file = dir.resolve("brushwork.yaml");
        Files.writeString(file, "backends:\n  x: {model: a.onnx}\n");
        Map<String, BackendConfig> backends = ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).backends();
        assertThatThrownBy(() -> new BackendRegistry().configure(backends, Brushwork.BACKEND_TYPES))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backends.x in " + file + " needs a type: onnx, onnx-upscale, ideogram, openai, iopaint"
                        + " or sd-webui");

        Files.writeString(file, "backends:\n  x: {type: dall-e}\n");
        Map<String, BackendConfig> unknown = ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).backends();
        assertThatThrownBy(() -> new BackendRegistry().configure(unknown, Brushwork.BACKEND_TYPES))
                .hasMessage("backends.x: unknown type 'dall-e'; types: onnx, onnx-upscale, ideogram, openai, iopaint, sd-webui");
    }
}
