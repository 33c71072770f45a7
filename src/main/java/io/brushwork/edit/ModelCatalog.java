package io.brushwork.edit;

import io.brushwork.config.ConfigException;
import io.brushwork.config.ModelRoute;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.router.Route;
import io.brushwork.engine.router.Routes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The public model names a client may send, each bound to its route of backends. Checked once at start-up. */
public final class ModelCatalog {

    /** A public model: its canonical (upper-case) name and the route that serves it. */
    public record Model(String name, Route route) {
    }

    private final Map<String, Model> models;

    private ModelCatalog(Map<String, Model> models) {
        this.models = models;
    }

    public static ModelCatalog of(Map<String, ModelRoute> routes, BackendRegistry engines, Routes router) {
        Map<String, Model> models = new TreeMap<>(); // listed by canonical name, whatever the config's spelling
        routes.forEach((written, route) -> {
            String name = written.toUpperCase(Locale.ROOT);
            models.put(name, new Model(name, router.resolve(name, route, engines)));
        });
        if (models.isEmpty()) {
            throw new ConfigException("no models are configured");
        }
        return new ModelCatalog(models);
    }

    public Collection<Model> all() {
        return models.values();
    }

    /** Case-insensitive, as Ideogram's enums are for Brushwork's clients. */
    public Optional<Model> find(String name) {
        return Optional.ofNullable(models.get(name.toUpperCase(Locale.ROOT)));
    }

    public List<String> names() {
        return new ArrayList<>(models.keySet());
    }
}
