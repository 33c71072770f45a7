package io.brushwork.engine;

import io.brushwork.config.BackendConfig;
import io.brushwork.config.ConfigException;
import io.brushwork.config.ConfigValues;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One backend's keys as written, read by its type: each read names {@code backends.NAME.KEY} when the value is
 * wrong, and the keys no read asked for are errors ({@link #rejectUnused}), so a misspelt key does not silently
 * leave a default in place.
 */
public final class BackendValues {
    private static final String A_URL = "a URL such as http://127.0.0.1:8080";

    private final String name;
    private final BackendConfig config;
    private final Set<String> used = new HashSet<>();

    public BackendValues(String name, BackendConfig config) {
        this.name = name;
        this.config = config;
    }

    /** The value, trimmed, or {@code fallback} when the key is absent or blank. */
    public String text(String key, String fallback) {
        used.add(key);
        String v = config.settings().get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public String required(String key) {
        String v = text(key, null);
        if (v == null) {
            throw new ConfigException("backends." + name + " needs " + key);
        }
        return v;
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(text(key, null));
    }

    public int integer(String key, int fallback) {
        return optional(key).map(v -> parse(key, v, Integer::parseInt, "a whole number")).orElse(fallback);
    }

    public double number(String key, double fallback) {
        return optional(key).map(v -> parse(key, v, Double::parseDouble, "a number")).orElse(fallback);
    }

    /** A URL the backend cannot do without. */
    public URI uri(String key) {
        return parse(key, required(key), URI::create, A_URL);
    }

    public URI uri(String key, URI fallback) {
        return optional(key).map(v -> parse(key, v, URI::create, A_URL)).orElse(fallback);
    }

    public Duration duration(String key, Duration fallback) {
        return optional(key).map(v -> parse(key, v,
                        t -> ConfigValues.parseDuration("backends." + name + "." + key, t),
                        "a duration such as 90s, 5m or PT5M"))
                .orElse(fallback);
    }

    private <T> T parse(String key, String value, Function<String, T> parser, String expected) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | ConfigException e) {
            throw invalid(key, expected);
        }
    }

    /** Builds a settings record, turning its own checks (a bad URL scheme, say) into config errors. */
    public <T> T build(Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("backends." + name + ": " + e.getMessage());
        }
    }

    public ConfigException invalid(String key, String expected) {
        return new ConfigException("backends." + name + "." + key + " is '" + config.settings().get(key)
                + "'; expected " + expected);
    }

    /** Call once every key the type knows has been read: any other key is a mistake. */
    public void rejectUnused() {
        for (String key : config.settings().keySet()) {
            if (!used.contains(key)) {
                throw new ConfigException("backends." + name + ": unknown key '" + key + "' for type "
                        + config.type().orElse(""));
            }
        }
    }
}
