package io.brushwork.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.brushwork.prompt.LlmSettings;
import io.brushwork.safety.ClassifierSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link BrushworkConfig}: defaults, then the YAML file, then {@code BRUSHWORK_*} environment variables,
 * then flags. Every scalar key has an environment variable named after it ({@code max-file-size} is
 * {@code BRUSHWORK_MAX_FILE_SIZE}); {@code models} is set in the file only. Unknown keys are an error, so a typo
 * does not silently leave a default in place.
 */
public final class ConfigLoader {
    /** Scalar keys and their defaults, in the order the README documents them. */
    private static final Map<String, String> DEFAULTS = defaults();

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ConfigLoader() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("host", "0.0.0.0");
        d.put("port", "8080");
        d.put("data", "./data");
        d.put("public-url", "");
        d.put("image-ttl", "24h");
        d.put("sweep-interval", "10m");
        d.put("max-file-size", "25MB");
        d.put("max-pixels", "40000000");
        d.put("workers", String.valueOf(Runtime.getRuntime().availableProcessors()));
        d.put("queue", String.valueOf(4 * Runtime.getRuntime().availableProcessors()));
        d.put("auth", "true");
        d.put("max-inflight", "10");
        d.put("magic-prompt-llm-url", "");
        d.put("magic-prompt-llm-model", "");
        d.put("magic-prompt-llm-key", "");
        d.put("magic-prompt-llm-timeout", "10s");
        d.put("safety-prompt-check", "true");
        d.put("safety-prompt-terms", "");
        d.put("safety-classifier-model", "");
        d.put("safety-classifier-input-size", "224x224");
        d.put("safety-classifier-layout", "NCHW");
        d.put("safety-classifier-mean", "0.485,0.456,0.406");
        d.put("safety-classifier-std", "0.229,0.224,0.225");
        d.put("safety-classifier-labels", "safe,unsafe");
        d.put("safety-classifier-unsafe-labels", "unsafe");
        d.put("safety-classifier-threshold", "0.5");
        d.put("safety-classifier-softmax", "true");
        return d;
    }

    public static Map<String, String> defaultValues() {
        return DEFAULTS;
    }

    public static Map<String, ModelRoute> defaultModels() {
        Map<String, ModelRoute> models = new LinkedHashMap<>();
        models.put("V_2", new ModelRoute("patchmatch", "quality"));
        models.put("V_2_TURBO", new ModelRoute("patchmatch", "fast"));
        return models;
    }

    /** V3 edits have no model field; their rendering speed picks one. */
    public static Map<String, String> defaultRenderingSpeeds() {
        Map<String, String> speeds = new LinkedHashMap<>();
        speeds.put("FLASH", "V_2_TURBO");
        speeds.put("TURBO", "V_2_TURBO");
        speeds.put("BALANCED", "V_2");
        speeds.put("DEFAULT", "V_2");
        speeds.put("QUALITY", "V_2");
        return speeds;
    }

    /** A duration as the config writes them: 90s, 10m, 24h, 7d, 500ms or ISO-8601 (PT5M). */
    public static Duration duration(String where, String text) {
        return new Values(Map.of(where, text), Map.of(where, "the config")).duration(where);
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
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        Map<String, String> origin = new LinkedHashMap<>();
        DEFAULTS.keySet().forEach(k -> origin.put(k, "the default"));
        Map<String, ModelRoute> models = defaultModels();
        Map<String, String> speeds = defaultRenderingSpeeds();
        Map<String, BackendConfig> backends = new LinkedHashMap<>();

        if (file.isPresent()) {
            readFile(file.get(), values, origin, models, speeds, backends);
        }
        for (String key : DEFAULTS.keySet()) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                values.put(key, fromEnv);
                origin.put(key, envName(key));
            }
        }
        flags.forEach((key, value) -> {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("not a configuration key: " + key);
            }
            values.put(key, value);
            origin.put(key, "--" + key);
        });

        Values v = new Values(values, origin);
        String publicUrl = v.text("public-url").replaceAll("/+$", "");
        return new BrushworkConfig(
                v.text("host"),
                (int) v.integer("port", 0, 65535),
                Path.of(v.text("data")),
                publicUrl.isEmpty() ? Optional.empty() : Optional.of(checkUrl(publicUrl, origin.get("public-url"))),
                v.duration("image-ttl"),
                v.duration("sweep-interval"),
                v.size("max-file-size"),
                v.integer("max-pixels", 1, Long.MAX_VALUE),
                (int) v.integer("workers", 1, 1024),
                (int) v.integer("queue", 0, 1_000_000),
                v.bool("auth"),
                (int) v.integer("max-inflight", 1, 1_000_000),
                llm(v),
                v.bool("safety-prompt-check"),
                Optional.of(v.text("safety-prompt-terms")).filter(t -> !t.isEmpty()).map(Path::of),
                classifier(v),
                backends,
                models,
                speeds);
    }

    private static Optional<ClassifierSettings> classifier(Values v) {
        String model = v.text("safety-classifier-model");
        if (model.isEmpty()) {
            return Optional.empty();
        }
        String size = v.text("safety-classifier-input-size").toLowerCase(Locale.ROOT);
        String[] wh = size.contains("x") ? size.split("x", 2) : new String[] {size, size};
        try {
            return Optional.of(new ClassifierSettings(Path.of(model), Integer.parseInt(wh[0].trim()),
                    Integer.parseInt(wh[1].trim()),
                    ClassifierSettings.Layout.valueOf(v.text("safety-classifier-layout").toUpperCase(Locale.ROOT)),
                    floats(v.text("safety-classifier-mean")), floats(v.text("safety-classifier-std")),
                    List.of(v.text("safety-classifier-labels").split("\\s*,\\s*")),
                    Set.of(v.text("safety-classifier-unsafe-labels").split("\\s*,\\s*")),
                    Double.parseDouble(v.text("safety-classifier-threshold")), v.bool("safety-classifier-softmax")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("safety-classifier-*: " + e.getMessage());
        }
    }

    private static float[] floats(String list) {
        String[] parts = list.split("\\s*,\\s*");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }

    private static Optional<LlmSettings> llm(Values v) {
        String url = v.text("magic-prompt-llm-url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String model = v.text("magic-prompt-llm-model");
        if (model.isEmpty()) {
            throw new ConfigException("magic-prompt-llm-url is set, so magic-prompt-llm-model must name the model"
                    + " the server runs (for example llama3.1 or gpt-4o-mini)");
        }
        String key = v.text("magic-prompt-llm-key");
        try {
            return Optional.of(new LlmSettings(URI.create(url), model,
                    key.isEmpty() ? Optional.empty() : Optional.of(key), v.duration("magic-prompt-llm-timeout")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("magic-prompt-llm-url: " + e.getMessage());
        }
    }

    private static void readFile(Path path, Map<String, String> values, Map<String, String> origin,
                                 Map<String, ModelRoute> models, Map<String, String> speeds,
                                 Map<String, BackendConfig> backends) {
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
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("models")) {
                readModels(path, value, models);
            } else if (key.equals("rendering-speeds")) {
                readSpeeds(path, value, speeds);
            } else if (key.equals("backends")) {
                readBackends(path, value, backends);
            } else if (DEFAULTS.containsKey(key)) {
                if (!value.isValueNode()) {
                    throw new ConfigException(key + " in " + path + " must be a single value");
                }
                values.put(key, value.isNull() ? "" : value.asText());
                origin.put(key, path.toString());
            } else {
                throw new ConfigException("unknown key '" + key + "' in " + path + "; known keys: "
                        + String.join(", ", DEFAULTS.keySet()) + ", backends, models, rendering-speeds");
            }
        }
    }

    private static void readModels(Path path, JsonNode node, Map<String, ModelRoute> models) {
        if (!node.isObject()) {
            throw new ConfigException("models in " + path + " must map model names to {engine, preset} or {route}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey().toUpperCase(Locale.ROOT);
            String where = "models." + entry.getKey() + " in " + path;
            JsonNode model = entry.getValue();
            if (model.isObject() && model.has("route")) {
                if (!model.get("route").isArray() || model.get("route").isEmpty()) {
                    throw new ConfigException(where + ": route must be a list of backends");
                }
                List<RouteStep> steps = new ArrayList<>();
                for (JsonNode step : model.get("route")) {
                    steps.add(routeStep(where, step));
                }
                models.put(name, new ModelRoute(steps));
            } else if (model.isObject() && model.hasNonNull("engine") && model.hasNonNull("preset")) {
                models.put(name, new ModelRoute(model.get("engine").asText(), model.get("preset").asText()));
            } else {
                throw new ConfigException(where + " must have an engine and a preset, for example {engine:"
                        + " patchmatch, preset: quality}, or a route: [{backend: lama}, {backend: patchmatch}]");
            }
        }
    }

    private static final List<String> STEP_KEYS = List.of("backend", "preset", "tier", "weight", "timeout",
            "max-concurrent", "retries", "cooldown");

    private static RouteStep routeStep(String where, JsonNode step) {
        if (!step.isObject() || !step.hasNonNull("backend")) {
            throw new ConfigException(where + ": each route entry needs a backend, for example {backend: lama}");
        }
        for (Iterator<String> keys = step.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!STEP_KEYS.contains(key)) {
                throw new ConfigException(where + ": unknown route key '" + key + "'; keys: "
                        + String.join(", ", STEP_KEYS));
            }
        }
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("tier", step.path("tier").asText(String.valueOf(RouteStep.DEFAULT_TIER)));
        raw.put("weight", step.path("weight").asText(String.valueOf(RouteStep.DEFAULT_WEIGHT)));
        raw.put("timeout", step.path("timeout").asText(RouteStep.DEFAULT_TIMEOUT.toString()));
        raw.put("max-concurrent", step.path("max-concurrent").asText(String.valueOf(RouteStep.DEFAULT_MAX_CONCURRENT)));
        raw.put("retries", step.path("retries").asText(String.valueOf(RouteStep.DEFAULT_RETRIES)));
        raw.put("cooldown", step.path("cooldown").asText(RouteStep.DEFAULT_COOLDOWN.toString()));
        Map<String, String> origins = new LinkedHashMap<>();
        raw.keySet().forEach(k -> origins.put(k, where));
        Values v = new Values(raw, origins);
        return new RouteStep(step.get("backend").asText(), step.path("preset").asText(RouteStep.DEFAULT_PRESET),
                (int) v.integer("tier", 0, 100), (int) v.integer("weight", 1, 1000), v.duration("timeout"),
                (int) v.integer("max-concurrent", 0, 100_000), (int) v.integer("retries", 0, 10),
                v.duration("cooldown"));
    }

    private static void readBackends(Path path, JsonNode node, Map<String, BackendConfig> backends) {
        if (!node.isObject()) {
            throw new ConfigException("backends in " + path + " must map names to {type, ...settings}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode backend = entry.getValue();
            String where = "backends." + entry.getKey() + " in " + path;
            // a backend that is not a mapping has no type either; the server's list of types names the choices
            Optional<String> type = Optional.ofNullable(backend.get("type")).filter(t -> !t.isNull())
                    .map(JsonNode::asText);
            Map<String, String> settings = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = backend.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                if (!field.getKey().equals("type")) {
                    if (!field.getValue().isValueNode()) {
                        throw new ConfigException(where + ": " + field.getKey() + " must be a single value");
                    }
                    if (!field.getValue().isNull()) { // "api-key:" left empty means not set, not the text "null"
                        settings.put(field.getKey(), field.getValue().asText());
                    }
                }
            }
            backends.put(entry.getKey(), new BackendConfig(type, settings, where));
        }
    }

    private static void readSpeeds(Path path, JsonNode node, Map<String, String> speeds) {
        if (!node.isObject()) {
            throw new ConfigException("rendering-speeds in " + path + " must map speeds to model names");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String speed = entry.getKey().toUpperCase(Locale.ROOT);
            if (!speeds.containsKey(speed)) {
                throw new ConfigException("rendering-speeds." + entry.getKey() + " in " + path + " is not a V3"
                        + " rendering speed; speeds: " + String.join(", ", speeds.keySet()));
            }
            speeds.put(speed, entry.getValue().asText().toUpperCase(Locale.ROOT));
        }
    }

    private static String checkUrl(String url, String origin) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException("public-url from " + origin + " must start with http:// or https://: " + url);
        }
        return url;
    }

    /** Typed reads of the merged values, with errors that name the key and where its value came from. */
    private record Values(Map<String, String> values, Map<String, String> origin) {
        String text(String key) {
            return values.get(key).trim();
        }

        private ConfigException invalid(String key, String expected) {
            return new ConfigException(key + " from " + origin.get(key) + " is '" + values.get(key) + "'; "
                    + expected);
        }

        long integer(String key, long min, long max) {
            try {
                long n = Long.parseLong(text(key).replace("_", ""));
                if (n < min || n > max) {
                    throw invalid(key, "expected a whole number from " + min + " to " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw invalid(key, "expected a whole number from " + min + " to " + max);
            }
        }

        boolean bool(String key) {
            return switch (text(key).toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw invalid(key, "expected true or false");
            };
        }

        long size(String key) {
            Matcher m = SIZE.matcher(text(key).toUpperCase(Locale.ROOT));
            if (!m.matches()) {
                throw invalid(key, "expected a size such as 25MB, 512KB or 1048576 (bytes)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "B" : m.group(2);
            // Sizes are binary, as in most servers' configuration: 1MB = 1,048,576 bytes.
            long factor = switch (unit) {
                case "KB", "KIB" -> 1024L;
                case "MB", "MIB" -> 1024L * 1024;
                case "GB", "GIB" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            if (n <= 0) {
                throw invalid(key, "expected a positive size");
            }
            return Math.multiplyExact(n, factor);
        }

        Duration duration(String key) {
            String s = text(key);
            Matcher m = SHORT_DURATION.matcher(s);
            Duration d;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                try {
                    d = Duration.parse(s);
                } catch (DateTimeParseException e) {
                    throw invalid(key, "expected a duration such as 90s, 10m, 24h, 7d or PT24H");
                }
            }
            if (d.isZero() || d.isNegative()) {
                throw invalid(key, "expected a positive duration");
            }
            return d;
        }
    }
}
