package io.brushwork.edit;

import io.brushwork.config.ConfigException;
import io.brushwork.config.ModelRoute;
import io.brushwork.engine.EngineRegistry;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.router.Routes;
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

    public static ModelCatalog of(Map<String, ModelRoute> routes, EngineRegistry engines, Routes router) {
        Map<String, Model> models = new LinkedHashMap<>();
        routes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String name = e.getKey().toUpperCase(Locale.ROOT);
            Routes.Resolved resolved = router.resolve(name, e.getValue(), engines);
            models.put(name, new Model(name, resolved.engine(), resolved.preset()));
        });
        if (models.isEmpty()) {
            throw new ConfigException("no models are configured");
        }
        return new ModelCatalog(models);
    }

    /** For callers without routes of their own (tests, the CLI): one shared router pool for the process. */
    public static ModelCatalog of(Map<String, ModelRoute> routes, EngineRegistry engines) {
        return of(routes, engines, SHARED_ROUTES);
    }

    private static final Routes SHARED_ROUTES = new Routes(java.time.Clock.systemUTC());

    public java.util.Collection<Model> all() {
        return models.values();
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
