package io.brushwork.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.config.BackendConfig;
import io.brushwork.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendValuesTest {
    private static BackendValues settings(Map<String, String> written) {
        return new BackendValues("sd", new BackendConfig(Optional.of("sd-webui"), written, "backends.sd in x.yaml"));
    }

    @Test
    void readsTypedValuesAndFallsBackWhenAbsentOrBlank() {
        BackendValues s = settings(Map.of("steps", " 30 ", "strength", "0.5", "timeout", "90s", "sampler", " ",
                "base-url", "http://127.0.0.1:7860"));
        assertThat(s.integer("steps", 20)).isEqualTo(30);
        assertThat(s.number("strength", 0.75)).isEqualTo(0.5);
        assertThat(s.duration("timeout", Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.duration("cooldown", Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.optional("sampler")).isEmpty();
        assertThat(s.text("sampler", "Euler")).isEqualTo("Euler");
        assertThat(s.uri("base-url")).isEqualTo(URI.create("http://127.0.0.1:7860"));
        assertThat(s.uri("proxy", URI.create("http://proxy"))).isEqualTo(URI.create("http://proxy"));
        s.rejectUnused();
    }

    @Test
    void mistakesNameTheBackendAndTheKey() {
        BackendValues s = settings(Map.of("steps", "many", "strength", "lots", "timeout", "0s", "base-url", "a b"));
        assertThatThrownBy(() -> s.integer("steps", 20)).isInstanceOf(ConfigException.class)
                .hasMessage("backends.sd.steps is 'many'; expected a whole number");
        assertThatThrownBy(() -> s.number("strength", 1))
                .hasMessage("backends.sd.strength is 'lots'; expected a number");
        assertThatThrownBy(() -> s.duration("timeout", Duration.ofMinutes(5)))
                .hasMessage("backends.sd.timeout is '0s'; expected a duration such as 90s, 5m or PT5M");
        assertThatThrownBy(() -> s.uri("base-url"))
                .hasMessage("backends.sd.base-url is 'a b'; expected a URL such as http://127.0.0.1:8080");
        assertThatThrownBy(() -> s.required("api-auth")).hasMessage("backends.sd needs api-auth");
        assertThatThrownBy(() -> s.build(() -> {
            throw new IllegalArgumentException("steps must be within 1..150, got 0");
        })).isInstanceOf(ConfigException.class).hasMessage("backends.sd: steps must be within 1..150, got 0");
    }

    @Test
    void keysNoReadAskedForAreErrors() {
        BackendValues s = settings(Map.of("steps", "30", "stpes", "40"));
        s.integer("steps", 20);
        assertThatThrownBy(s::rejectUnused).isInstanceOf(ConfigException.class)
                .hasMessage("backends.sd: unknown key 'stpes' for type sd-webui");
    }
}
