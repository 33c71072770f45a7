package io.brushwork.config;

import io.brushwork.prompt.LlmSettings;
import io.brushwork.safety.ClassifierSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a Brushwork process is configured with. Built by {@link ConfigLoader} from defaults, a YAML file,
 * {@code BRUSHWORK_*} environment variables and command-line flags, in that order of precedence (flags win).
 *
 * @param publicUrl       base of the image URLs in responses; empty means "the scheme and Host the client used"
 * @param maxInflight     images a key may have in flight at once, unless the key sets its own limit
 * @param magicPromptLlm  the OpenAI-compatible server that rewrites prompts; empty for the built-in expander only
 * @param promptCheck     whether prompts are checked against the term lists (a hit is Ideogram's 422)
 * @param promptTerms     an operator's term list (YAML) in place of the built-in one
 * @param imageClassifier the ONNX classifier results are checked with; empty for none
 * @param backends        ONNX models and remote providers by name, beside the built-in engines
 * @param renderingSpeeds V3's {@code rendering_speed} values, each mapped to a public model name
 */
public record BrushworkConfig(
        String host,
        int port,
        Path data,
        Optional<String> publicUrl,
        Duration imageTtl,
        Duration sweepInterval,
        long maxFileSize,
        long maxPixels,
        int workers,
        int queue,
        boolean auth,
        int maxInflight,
        Optional<LlmSettings> magicPromptLlm,
        boolean promptCheck,
        Optional<Path> promptTerms,
        Optional<ClassifierSettings> imageClassifier,
        Map<String, BackendConfig> backends,
        Map<String, ModelRoute> models,
        Map<String, String> renderingSpeeds) {

    public BrushworkConfig {
        backends = Map.copyOf(backends);
        models = Map.copyOf(models);
        renderingSpeeds = Map.copyOf(renderingSpeeds);
    }
}
