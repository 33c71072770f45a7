package io.brushwork.api;

import io.brushwork.metrics.Metrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics}: the server's meters for Prometheus. Open unless {@code metrics-token} is set; then it asks
 * for {@code Authorization: Bearer <token>}, compared in constant time. The meters carry no key or prompt, but they
 * do tell an outsider how busy the server is and which models it has.
 */
final class MetricsHandler implements Handler {
    private final Metrics metrics;
    private final Optional<byte[]> token;

    MetricsHandler(Metrics metrics, Optional<String> token) {
        this.metrics = metrics;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(Context ctx) {
        if (token.isPresent()) {
            String authorization = ctx.header("Authorization");
            byte[] presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (!MessageDigest.isEqual(presented, token.get())) {
                throw new ApiException(401, "/metrics needs 'Authorization: Bearer <metrics-token>'");
            }
        }
        ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
    }
}
