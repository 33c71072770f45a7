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

    /**
     * @param written  each public model name, as the config spells it, and its route
     * @param backends the backends the routes may name
     * @param routes   builds each model's route, sharing one circuit breaker per backend
     */
    public static ModelCatalog of(Map<String, ModelRoute> written, BackendRegistry backends, Routes routes) {
        Map<String, Model> models = new TreeMap<>(); // listed by canonical name, whatever the config's spelling
        written.forEach((spelling, route) -> {
            String name = spelling.toUpperCase(Locale.ROOT);
            models.put(name, new Model(name, routes.resolve(name, route, backends)));
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
