package io.brushwork.api;

import io.brushwork.Brushwork;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /healthz}: the process answers. {@code /readyz}: it can also serve edits (store writable, database up). */
final class HealthHandlers {
    private final Brushwork app;

    HealthHandlers(Brushwork app) {
        this.app = app;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", app.database().isReachable() ? "ok" : "unreachable");
        checks.put("image_store", app.images().isWritable() ? "ok" : "not writable");
        boolean ready = checks.values().stream().allMatch("ok"::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "unavailable");
        body.put("checks", checks);
        ctx.status(ready ? 200 : 503).json(body);
    }
}
