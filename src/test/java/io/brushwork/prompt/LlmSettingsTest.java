package io.brushwork.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.config.ConfigException;
import io.brushwork.config.MagicPromptConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Magic Prompt section, as the prompt package reads it. */
class LlmSettingsTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void noUrlMeansTheBuiltInExpanderOnly() {
        assertThat(LlmSettings.from(new MagicPromptConfig("", "llama3.1", "k", TEN_SECONDS))).isEmpty();
    }

    @Test
    void aUrlWithItsModel() {
        assertThat(LlmSettings.from(new MagicPromptConfig("http://127.0.0.1:8081", "llama3.1", "", TEN_SECONDS)))
                .hasValue(new LlmSettings(URI.create("http://127.0.0.1:8081"), "llama3.1", Optional.empty(),
                        TEN_SECONDS));
        assertThat(LlmSettings.from(new MagicPromptConfig("http://h", "m", "sk-1", TEN_SECONDS)).orElseThrow()
                .apiKey()).hasValue("sk-1");
    }

    @Test
    void mistakesNameTheKeys() {
        assertThatThrownBy(() -> LlmSettings.from(new MagicPromptConfig("http://h", "", "", TEN_SECONDS)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("magic-prompt-llm-url is set, so magic-prompt-llm-model must name the model the server"
                        + " runs (for example llama3.1 or gpt-4o-mini)");
        assertThatThrownBy(() -> LlmSettings.from(new MagicPromptConfig("ftp://h", "m", "", TEN_SECONDS)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("magic-prompt-llm-url: the LLM base URL must be an http or https URL, got ftp://h");
    }
}
