package io.brushwork.api;

import io.brushwork.Brushwork;
import io.brushwork.edit.ModelCatalog;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.router.Route;
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
            Route.Status status = model.status();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", model.name());
            entry.put("object", "model");
            entry.put("ready", status.ready());
            // Only when every backend of every operation gives the same bytes for the same request.
            entry.put("deterministic", model.routes().values().stream()
                    .allMatch(r -> r.capabilities().contains(InpaintEngine.Capability.DETERMINISTIC)));
            entry.put("backends", ServerPaths.hide(status.backends()));
            // Each operation the model serves, with the backends that serve it and whether one is in rotation.
            Map<String, Object> operations = new LinkedHashMap<>();
            model.routes().forEach((operation, route) -> {
                Map<String, Object> served = new LinkedHashMap<>();
                served.put("ready", route.status().ready());
                served.put("backends", route.backends());
                operations.put(operation.key(), served);
            });
            entry.put("operations", operations);
            data.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        ctx.json(body);
    }
}
