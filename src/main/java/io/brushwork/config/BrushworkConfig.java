package io.brushwork.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a Brushwork process is configured with, by section. Built by {@link ConfigLoader} from defaults, a
 * YAML file, {@code BRUSHWORK_*} environment variables and command-line flags, in that order of precedence (flags
 * win); each section keeps its own defaults.
 *
 * @param backends ONNX models and remote providers by name, beside the built-in engines, in the order written
 */
public record BrushworkConfig(
        ServerConfig server,
        StorageConfig storage,
        LimitsConfig limits,
        MagicPromptConfig magicPrompt,
        DescribeConfig describe,
        SafetyConfig safety,
        ModelsConfig models,
        Map<String, BackendConfig> backends) {

    public BrushworkConfig {
        backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }
}
