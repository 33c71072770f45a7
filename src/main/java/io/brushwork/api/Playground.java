package io.brushwork.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The playground at {@code GET /}: one page, its script, style sheet and icon, read from the jar once. The page needs
 * no key to load; every API call it makes does. Assets are linked with their content's hash ({@code ?v=}), so a
 * browser keeps them for good and a new jar is fetched at once; the page itself is revalidated each time (a cheap
 * 304). The Content-Security-Policy lets the page load and call nothing but this server (and the store's own
 * origin when results link there), so a prompt or an error text shown on it cannot run or fetch anything.
 */
final class Playground {
    private static final String FOLDER = "/playground/";
    private static final String FOREVER = "public, max-age=31536000, immutable";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "html", "text/html; charset=utf-8");

    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final Asset page;
    private final String policy;

    /**
     * @param auth         whether the server asks for keys (the page then shows a key box)
     * @param imageOrigins where result links may point besides this server: the public-url's origin, a store's
     */
    Playground(boolean auth, List<URI> imageOrigins) {
        for (String name : List.of("playground.js", "playground.css", "icon.svg")) {
            assets.put(name, Asset.of(name, read(name)));
        }
        String html = new String(read("index.html"), StandardCharsets.UTF_8).replace("{{auth}}", auth ? "key" : "none");
        for (Asset asset : assets.values()) {
            html = html.replace("{{v:" + asset.name() + "}}", asset.version());
        }
        this.page = Asset.of("index.html", html.getBytes(StandardCharsets.UTF_8));
        String others = imageOrigins.stream().map(URI::toString).map(o -> " " + o).distinct()
                .collect(Collectors.joining());
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:" + others
                + "; connect-src 'self'" + others + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** {@code GET /}. */
    void page(Context ctx) {
        send(ctx, page, "no-cache");
    }

    /** {@code GET /playground/{file}}: cached for good when asked for by the version the page links. */
    void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            throw new ApiException(404, "no such file in the playground: " + ctx.pathParam("file"));
        }
        send(ctx, asset, asset.version().equals(ctx.queryParam("v")) ? FOREVER : "no-cache");
    }

    private void send(Context ctx, Asset asset, String caching) {
        String etag = "\"" + asset.version() + "\"";
        ctx.header("Cache-Control", caching);
        ctx.header("ETag", etag);
        ctx.header("Content-Security-Policy", policy);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.contentType(asset.type());
        if (ImageHandler.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.result(asset.bytes());
    }

    private static byte[] read(String name) {
        try (InputStream in = Playground.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the playground's " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the playground's " + name, e);
        }
    }

    /** A file of the page, with its type and a version that changes whenever its bytes do. */
    private record Asset(String name, byte[] bytes, String type, String version) {
        static Asset of(String name, byte[] bytes) {
            return new Asset(name, bytes, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), hash(bytes));
        }

        private static String hash(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }
}
