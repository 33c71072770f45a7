package io.brushwork.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link BrushworkConfig}: defaults, then the YAML file, then {@code BRUSHWORK_*} environment variables,
 * then flags. Every scalar key has an environment variable named after it ({@code max-file-size} is
 * {@code BRUSHWORK_MAX_FILE_SIZE}); {@code models}, {@code rendering-speeds} and {@code backends} are set in the
 * file only. Unknown keys are an error, so a typo does not silently leave a default in place. This class only
 * merges the sources; each section reads its keys and knows its defaults.
 */
public final class ConfigLoader {
    /** The scalar keys, in the order the README documents them (and error messages list them). */
    private static final List<String> KEYS = List.of(
            "host", "port", "data", "public-url", "image-ttl", "sweep-interval", "max-file-size", "max-pixels",
            "workers", "queue", "auth", "max-inflight",
            "magic-prompt-llm-url", "magic-prompt-llm-model", "magic-prompt-llm-key", "magic-prompt-llm-timeout",
            "safety-prompt-check", "safety-prompt-terms", "safety-classifier-model", "safety-classifier-input-size",
            "safety-classifier-layout", "safety-classifier-mean", "safety-classifier-std",
            "safety-classifier-labels", "safety-classifier-unsafe-labels", "safety-classifier-threshold",
            "safety-classifier-softmax");

    private final ConfigValues values = new ConfigValues();
    private ModelsConfig models = ModelsConfig.DEFAULT;
    private Map<String, BackendConfig> backends = Map.of();

    private ConfigLoader() {
    }

    public static String envName(String key) {
        return "BRUSHWORK_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * @param file  the YAML file named by {@code --config} or {@code BRUSHWORK_CONFIG}, if any
     * @param env   the process environment
     * @param flags values given on the command line, by key
     */
    public static BrushworkConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> flags) {
        ConfigLoader loader = new ConfigLoader();
        file.ifPresent(loader::readFile);
        for (String key : KEYS) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                loader.values.set(key, fromEnv, envName(key));
            }
        }
        flags.forEach((key, value) -> {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("not a configuration key: " + key);
            }
            loader.values.set(key, value, "--" + key);
        });
        ConfigValues v = loader.values;
        return new BrushworkConfig(ServerConfig.from(v), StorageConfig.from(v), LimitsConfig.from(v),
                MagicPromptConfig.from(v), SafetyConfig.from(v), loader.models, loader.backends);
    }

    private void readFile(Path path) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return; // an empty file changes nothing
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + path + " must be a YAML mapping of keys to values");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "models" -> models = models.withRoutes(path, value);
                case "rendering-speeds" -> models = models.withRenderingSpeeds(path, value);
                case "backends" -> backends = BackendConfig.readAll(path, value);
                default -> readScalar(path, key, value);
            }
        }
    }

    private void readScalar(Path path, String key, JsonNode value) {
        if (!KEYS.contains(key)) {
            throw new ConfigException("unknown key '" + key + "' in " + path + "; known keys: "
                    + String.join(", ", KEYS) + ", backends, models, rendering-speeds");
        }
        if (!value.isValueNode()) {
            throw new ConfigException(key + " in " + path + " must be a single value");
        }
        values.set(key, value.isNull() ? "" : value.asText(), path.toString());
    }
}
