package io.brushwork.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link BrushworkConfig}: defaults, then the YAML file, then {@code BRUSHWORK_*} environment variables,
 * then flags. Every scalar key has an environment variable named after it ({@code max-file-size} is
 * {@code BRUSHWORK_MAX_FILE_SIZE}); {@code models}, {@code rendering-speeds} and {@code backends} are set in the
 * file only. {@code ${NAME}} in the file's values is taken from the environment ({@link EnvReferences}). Unknown
 * keys are an error, so a typo does not silently leave a default in place. This class only
 * merges the sources; each section reads its keys and knows its defaults, and the keys no section read are the
 * unknown ones.
 */
public final class ConfigLoader {
    /** The file's keys that are not single values: sections read them from the YAML tree. */
    private static final List<String> TREES = List.of("backends", "models", "rendering-speeds");

    private final ConfigValues values;
    private final Map<String, String> env;
    private ModelsConfig models = ModelsConfig.DEFAULT;
    private Map<String, BackendConfig> backends = Map.of();

    private ConfigLoader(Map<String, String> env, Map<String, String> flags) {
        this.values = new ConfigValues(env, flags);
        this.env = env;
    }

    /**
     * @param file  the YAML file named by {@code --config} or {@code BRUSHWORK_CONFIG}, if any
     * @param env   the process environment
     * @param flags values given on the command line, by key
     */
    public static BrushworkConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> flags) {
        ConfigLoader loader = new ConfigLoader(env, flags);
        file.ifPresent(loader::readFile);
        ConfigValues v = loader.values;
        BrushworkConfig config = new BrushworkConfig(ServerConfig.from(v), StorageConfig.from(v),
                LimitsConfig.from(v), MagicPromptConfig.from(v), DescribeConfig.from(v), SafetyConfig.from(v),
                loader.models, loader.backends);
        v.rejectUnread(TREES);
        return config;
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
        root = new EnvReferences(env, path).resolve(root);
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

    /** A scalar key as written; whether a section knows it is checked once the sections have read theirs. */
    private void readScalar(Path path, String key, JsonNode value) {
        values.set(key, !value.isValueNode() ? null : value.isNull() ? "" : value.asText(), path.toString());
    }
}
