package io.brushwork.engine;

import io.brushwork.config.BackendConfig;
import io.brushwork.config.ConfigException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends a server can route to, by name: the built-in engines, and the operator's {@code backends}, each made
 * by its {@link BackendType}. A setting that is wrong (an unknown key, a value that is not a number) stops the server
 * at start, naming it; a backend that is set up right but cannot work now (a model file that fails to load) becomes
 * an {@link UnavailableEngine}, so the server starts, {@code /readyz} says why and its models answer 503.
 */
public final class BackendRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackendRegistry.class);

    private final Map<String, InpaintEngine> backends = new LinkedHashMap<>();

    public BackendRegistry register(InpaintEngine backend) {
        if (backends.putIfAbsent(backend.name(), backend) != null) {
            throw new IllegalArgumentException("backend registered twice: " + backend.name());
        }
        return this;
    }

    /** Adds the operator's backends, in the order they were written, each made by the type it names. */
    public BackendRegistry configure(Map<String, BackendConfig> configs, List<BackendType> types) {
        configs.forEach((name, config) -> {
            if (backends.containsKey(name)) {
                throw new ConfigException("backends." + name + ": the name is taken by a built-in engine");
            }
            BackendType type = type(name, config, types);
            InpaintEngine backend;
            try {
                backend = type.factory().create(name, new BackendValues(name, config));
            } catch (BackendException e) {
                log.error("backend {} is not available: {}", name, e.getMessage());
                backend = new UnavailableEngine(name, e.getMessage(), type.operations());
            }
            register(backend);
        });
        return this;
    }

    public Optional<InpaintEngine> find(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    public Collection<InpaintEngine> all() {
        return backends.values();
    }

    /** Releases what the backends hold (an ONNX model's session, say); call it once no job is running. */
    @Override
    public void close() {
        for (InpaintEngine backend : backends.values()) {
            if (backend instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("backend {} did not close cleanly: {}", backend.name(), e.toString());
                }
            }
        }
    }

    private static BackendType type(String name, BackendConfig config, List<BackendType> types) {
        List<String> names = types.stream().map(BackendType::name).toList();
        if (config.type().isEmpty()) {
            throw new ConfigException(config.where() + " needs a type: " + oneOf(names));
        }
        String written = config.type().get();
        Optional<BackendType> type = types.stream()
                .filter(t -> t.name().equals(written.toLowerCase(Locale.ROOT))).findFirst();
        return type.orElseThrow(() -> new ConfigException("backends." + name + ": unknown type '" + written
                + "'; types: " + String.join(", ", names)));
    }

    /** Backend or type names as a sentence lists them: "a", "a or b", "a, b or c". */
    public static String oneOf(List<String> names) {
        int last = names.size() - 1;
        return last < 1 ? String.join("", names)
                : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }
}
