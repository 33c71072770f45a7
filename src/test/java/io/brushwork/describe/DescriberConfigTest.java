package io.brushwork.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.config.ConfigException;
import io.brushwork.config.ConfigLoader;
import io.brushwork.config.DescribeConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The describe section, as the describe package reads it: both keys or neither. */
class DescriberConfigTest {
    private static final Duration HALF_MINUTE = Duration.ofSeconds(30);

    @Test
    void nothingSetMeansNoDescriber() {
        assertThat(Describer.from(ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).describe())).isEmpty();
        assertThat(Describer.from(new DescribeConfig("", "", "sk-1", HALF_MINUTE))).isEmpty();
    }

    @Test
    void aUrlWithItsModel() {
        assertThat(Describer.from(new DescribeConfig("http://127.0.0.1:8081", "llava", "", HALF_MINUTE))).isPresent();
        assertThat(Describer.from(ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_DESCRIBE_LLM_URL",
                "https://api.openai.com/v1", "BRUSHWORK_DESCRIBE_LLM_MODEL", "gpt-4o-mini"), Map.of()).describe()))
                .isPresent();
    }

    @Test
    void aHalfSetConfigurationIsRefusedInOneLineNamingTheKeys() {
        assertThatThrownBy(() -> Describer.from(new DescribeConfig("http://h", "", "", HALF_MINUTE)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("describe-llm-url is set, so describe-llm-model must name the vision model the server"
                        + " runs (for example qwen2.5-vl-7b, llava or gpt-4o-mini)");
        assertThatThrownBy(() -> Describer.from(new DescribeConfig("", "llava", "", HALF_MINUTE)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("describe-llm-model is set, so describe-llm-url must name the server that runs it (for"
                        + " example http://127.0.0.1:8081); or unset describe-llm-model to leave /describe off");
        assertThatThrownBy(() -> Describer.from(new DescribeConfig("ftp://h", "llava", "", HALF_MINUTE)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("describe-llm-url: the LLM base URL must be an http or https URL, got ftp://h");
        assertThatThrownBy(() -> Describer.from(ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("describe-llm-url", "http://127.0.0.1:8081")).describe()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("describe-llm-url is set");
    }

    @Test
    void theRoutesAnswerWhenNothingIsSetNamesBothKeys() {
        assertThat(Describer.NOT_CONFIGURED).isEqualTo("describe needs a vision model: set describe-llm-url and"
                + " describe-llm-model (any OpenAI-compatible chat completions server with a vision model)");
    }
}
