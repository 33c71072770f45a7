package io.brushwork.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scalar values the operator set, each with where it was set (a file's path, {@code BRUSHWORK_PORT},
 * {@code --port}), and their typed reads. A key's value comes from its flag, else its environment variable
 * ({@code BRUSHWORK_} and the key in upper case, {@code -} as {@code _}), else what was {@link #set} (the file). A
 * read is empty when no source set the key, so that each section applies its own default; a value that does not
 * parse is an error naming the key and where it came from.
 *
 * <p>The keys are the ones the sections read: every section reads all of its keys on every load, so a key written in
 * the file or given as a flag that no section read is unknown ({@link #rejectUnread}), and no list of keys is kept
 * beside the sections.
 */
public final class ConfigValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** What was set, by key; a null value marks a key written as a mapping or list instead of a single value. */
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private final Map<String, String> env;
    private final Map<String, String> flags;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigValues() {
        this(Map.of(), Map.of());
    }

    /**
     * @param env   the process environment
     * @param flags values given on the command line, by key
     */
    ConfigValues(Map<String, String> env, Map<String, String> flags) {
        this.env = env;
        this.flags = flags;
    }

    /** The environment variable that sets {@code key}: {@code max-file-size} is {@code BRUSHWORK_MAX_FILE_SIZE}. */
    public static String envName(String key) {
        return "BRUSHWORK_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Sets a value below the environment and the flags; a later call replaces an earlier one's. */
    ConfigValues set(String key, String value, String origin) {
        values.put(key, value);
        origins.put(key, origin);
        return this;
    }

    /** The value the key has from the source that wins, and notes that the key was read. */
    private String raw(String key) {
        read.add(key);
        if (flags.containsKey(key)) {
            return flags.get(key);
        }
        if (env.containsKey(envName(key))) {
            return env.get(envName(key));
        }
        if (values.containsKey(key) && values.get(key) == null) {
            throw new ConfigException(key + " in " + origins.get(key) + " must be a single value");
        }
        return values.get(key);
    }

    /**
     * Refuses what no section read: a file key (a typo would otherwise leave a default silently in place) or a flag
     * (a programming error). The message lists the keys that were read, in the sections' order.
     *
     * @param fileOnly the file's other keys, which sections read from the YAML tree rather than from here
     */
    void rejectUnread(List<String> fileOnly) {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                List<String> known = new ArrayList<>(read);
                known.addAll(fileOnly);
                throw new ConfigException("unknown key '" + key + "' in " + origins.get(key) + "; known keys: "
                        + String.join(", ", known));
            }
        }
        for (String key : flags.keySet()) {
            if (!read.contains(key)) {
                throw new IllegalArgumentException("not a configuration key: " + key);
            }
        }
    }

    /** A duration as the config writes them: 90s, 10m, 24h, 7d, 500ms or ISO-8601 (PT5M); {@code where} names it. */
    public static Duration parseDuration(String where, String text) {
        return new ConfigValues().set(where, text, "the config").duration(where).orElseThrow();
    }

    /** Where the key's value came from, for messages: a file's path, an environment variable or a flag. */
    public String origin(String key) {
        if (flags.containsKey(key)) {
            return "--" + key;
        }
        return env.containsKey(envName(key)) ? envName(key) : origins.get(key);
    }

    /** The value, trimmed. */
    public Optional<String> text(String key) {
        return Optional.ofNullable(raw(key)).map(String::trim);
    }

    /** The value as a path; an empty value counts as not set. */
    public Optional<Path> path(String key) {
        return text(key).filter(t -> !t.isEmpty()).map(Path::of);
    }

    public Optional<Integer> integer(String key, int min, int max) {
        return longInteger(key, min, max).map(Math::toIntExact);
    }

    /** A whole number; {@code _} may group digits (40_000_000). */
    public Optional<Long> longInteger(String key, long min, long max) {
        return text(key).map(t -> {
            try {
                long n = Long.parseLong(t.replace("_", ""));
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below, as a number out of range is
            }
            throw invalid(key, "expected a whole number from " + min + " to " + max);
        });
    }

    public Optional<Boolean> bool(String key) {
        return text(key).map(t -> switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, "expected true or false");
        });
    }

    /** Bytes, written as 25MB, 512KB or 1048576. */
    public Optional<Long> size(String key) {
        return text(key).map(t -> {
            Matcher m = SIZE.matcher(t.toUpperCase(Locale.ROOT));
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
        });
    }

    /** A positive duration: 90s, 10m, 24h, 7d, 500ms or ISO-8601 (PT24H). */
    public Optional<Duration> duration(String key) {
        return text(key).map(t -> {
            Matcher m = SHORT_DURATION.matcher(t);
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
                    d = Duration.parse(t);
                } catch (DateTimeParseException e) {
                    throw invalid(key, "expected a duration such as 90s, 10m, 24h, 7d or PT24H");
                }
            }
            if (d.isZero() || d.isNegative()) {
                throw invalid(key, "expected a positive duration");
            }
            return d;
        });
    }

    /** {@code port from BRUSHWORK_PORT is 'x'; expected ...}. */
    public ConfigException invalid(String key, String expected) {
        return new ConfigException(key + " from " + origin(key) + " is '" + raw(key) + "'; " + expected);
    }
}
