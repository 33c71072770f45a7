package io.brushwork.edit;

import io.brushwork.config.ConfigException;
import io.brushwork.config.ModelRoute;
import io.brushwork.engine.EngineRegistry;
import io.brushwork.engine.InpaintEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The public model names a client may send, each bound to an engine and a preset. Checked once at start-up. */
public final class ModelCatalog {

    public record Model(String name, InpaintEngine engine, String preset) {
    }

    private final Map<String, Model> models;

    private ModelCatalog(Map<String, Model> models) {
        this.models = models;
    }

    public static ModelCatalog of(Map<String, ModelRoute> routes, EngineRegistry engines) {
        Map<String, Model> models = new LinkedHashMap<>();
        routes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ModelRoute route = e.getValue();
            InpaintEngine engine = engines.find(route.engine()).orElseThrow(() -> new ConfigException(
                    "model " + e.getKey() + " uses engine '" + route.engine() + "', which does not exist; engines: "
                            + engines.all().stream().map(InpaintEngine::name).toList()));
            if (!engine.presets().contains(route.preset())) {
                throw new ConfigException("model " + e.getKey() + " uses preset '" + route.preset()
                        + "', which engine " + engine.name() + " does not have; presets: " + engine.presets());
            }
            String name = e.getKey().toUpperCase(Locale.ROOT);
            models.put(name, new Model(name, engine, route.preset()));
        });
        if (models.isEmpty()) {
            throw new ConfigException("no models are configured");
        }
        return new ModelCatalog(models);
    }

    /** Case-insensitive, as Ideogram's enums are for Brushwork's clients. */
    public Optional<Model> find(String name) {
        return Optional.ofNullable(models.get(name.toUpperCase(Locale.ROOT)));
    }

    public Model require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model " + name));
    }

    public List<String> names() {
        return new ArrayList<>(models.keySet());
    }
}
