package io.brushwork.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the server listens and how it is reached.
 *
 * @param host      the address to bind
 * @param port      the port; 0 picks a free one
 * @param publicUrl base of the image URLs in responses, without a trailing {@code /}; empty means "the scheme and
 *                  Host the client used"
 * @param auth      whether requests need an API key
 * @param metricsToken the bearer token {@code GET /metrics} asks for; empty leaves it open
 * @param shutdownGrace how long a stopping server lets the edits inside finish
 */
public record ServerConfig(String host, int port, Optional<String> publicUrl, boolean auth,
                           Optional<String> metricsToken, Duration shutdownGrace) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final boolean DEFAULT_AUTH = true;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    public static ServerConfig from(ConfigValues v) {
        return new ServerConfig(
                v.text("host").orElse(DEFAULT_HOST),
                v.integer("port", 0, 65535).orElse(DEFAULT_PORT),
                publicUrl(v),
                v.bool("auth").orElse(DEFAULT_AUTH),
                v.text("metrics-token").filter(t -> !t.isBlank()),
                v.duration("shutdown-grace").orElse(DEFAULT_SHUTDOWN_GRACE));
    }

    private static Optional<String> publicUrl(ConfigValues v) {
        Optional<String> url = v.text("public-url").map(u -> u.replaceAll("/+$", "")).filter(u -> !u.isEmpty());
        if (url.isPresent() && !url.get().startsWith("http://") && !url.get().startsWith("https://")) {
            throw new ConfigException("public-url from " + v.origin("public-url")
                    + " must start with http:// or https://: " + url.get());
        }
        return url;
    }
}
