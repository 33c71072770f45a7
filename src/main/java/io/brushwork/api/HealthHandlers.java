package io.brushwork.api;

import io.brushwork.Brushwork;
import io.brushwork.edit.ModelCatalog;
import io.brushwork.engine.router.Route;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /healthz}: the process answers. {@code /readyz}: it can also serve edits: the store is writable, the
 * database answers, and some model has a backend in rotation; the body says which models are out and why.
 */
final class HealthHandlers {
    private final Brushwork app;

    HealthHandlers(Brushwork app) {
        this.app = app;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void ready(Context ctx) {
        if (app.workers().isDraining()) {
            // Out of the load balancer at once: the edits inside finish, new ones go elsewhere.
            ctx.status(503).json(Map.of("status", "shutting_down"));
            return;
        }
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", app.database().isReachable() ? "ok" : "unreachable");
        checks.put("image_store", app.images().unready().orElse("ok"));
        Map<String, Object> models = new LinkedHashMap<>();
        int readyModels = 0;
        for (ModelCatalog.Model model : app.models().all()) {
            Route.Status status = model.status();
            readyModels += status.ready() ? 1 : 0;
            models.put(model.name(), status.ready() ? "ok"
                    : "no backend available: " + ServerPaths.hide(status.backends()));
        }
        // One model out (a provider rate limiting, a model that failed to load) must not take the whole server
        // out of a load balancer: ready while any model can serve, "degraded" says some cannot.
        boolean ready = checks.values().stream().allMatch("ok"::equals) && readyModels > 0;
        boolean degraded = ready && readyModels < models.size();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !ready ? "unavailable" : degraded ? "degraded" : "ready");
        body.put("checks", checks);
        body.put("models", models);
        ctx.status(ready ? 200 : 503).json(body);
    }
}
