package io.brushwork.api;

import io.brushwork.Brushwork;
import io.brushwork.edit.ModelCatalog;
import io.brushwork.engine.router.Router;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models}: the public model names, and whether each has a backend in rotation now. */
final class ModelsHandler {
    private final Brushwork app;
    private final Authenticator auth;

    ModelsHandler(Brushwork app, Authenticator auth) {
        this.app = app;
        this.auth = auth;
    }

    void list(Context ctx) {
        auth.authenticate(ctx);
        List<Map<String, Object>> data = new ArrayList<>();
        for (ModelCatalog.Model model : app.models().all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", model.name());
            entry.put("object", "model");
            entry.put("ready", ready(model));
            entry.put("backends", backends(model));
            data.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        ctx.json(body);
    }

    static boolean ready(ModelCatalog.Model model) {
        return model.engine() instanceof Router router ? router.ready() : model.engine().problem().isEmpty();
    }

    static Map<String, String> backends(ModelCatalog.Model model) {
        if (model.engine() instanceof Router router) {
            return router.backendStates();
        }
        Map<String, String> one = new LinkedHashMap<>();
        one.put(model.engine().name(), model.engine().problem().map(p -> "not available: " + p).orElse("ok"));
        return one;
    }
}
