package io.brushwork.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brushwork.Brushwork;
import io.brushwork.api.BrushworkServer;
import io.brushwork.config.BrushworkConfig;
import io.brushwork.config.ConfigLoader;
import io.brushwork.engine.BackendRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A real Brushwork server on a free loopback port, with its own data directory and a hand-moved clock. */
public final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    public final Brushwork app;
    public final BrushworkServer server;
    public final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(BrushworkConfig config, BackendRegistry backends) {
        this.app = Brushwork.open(config, clock, backends);
        this.key = app.keys().create("test").secret();
        this.server = BrushworkServer.start(app);
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private BackendRegistry backends;
        private Optional<Path> configFile = Optional.empty();

        private Builder(Path dataDir) {
            settings.put("host", "127.0.0.1");
            settings.put("port", "0");
            settings.put("data", dataDir.toString());
            // Tests are not about the disk: a CI machine low on space must not turn every edit into a 503.
            settings.put("min-free-disk", "1MB");
            // Nor about upload speed: a loaded CI machine must not make a test's own upload look like a trickle.
            settings.put("min-upload-rate", "1B");
        }

        public Builder set(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public Builder config(Path file) {
            this.configFile = Optional.of(file);
            return this;
        }

        public Builder backends(BackendRegistry backends) {
            this.backends = backends;
            return this;
        }

        public TestServer start() {
            BrushworkConfig config = ConfigLoader.load(configFile, Map.of(), settings);
            return new TestServer(config, backends != null ? backends : Brushwork.backends(config));
        }
    }

    /** Where the default file store keeps this server's images. */
    public Path imageDirectory() {
        return app.config().storage().data().resolve("images");
    }

    /** The file the default store keeps an image in. */
    public Path imageFile(String id) {
        return imageDirectory().resolve(id + ".png");
    }

    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** POST to a path of this server, or to a full URL (another server's, with this one's client). */
    public HttpResponse<byte[]> post(String path, Multipart form, String... headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()));
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return send(req.build());
    }

    /** POST with this server's key as a Bearer token on the aggregator path. */
    public HttpResponse<byte[]> edit(Multipart form) {
        return post("/ideogram/edit", form, "Authorization", "Bearer " + key);
    }

    /** The form of one small, ordinary edit: a photo and a mask with a hole. */
    public static Multipart smallForm() {
        return new Multipart()
                .file("image_file", TestImages.png(TestImages.photo(40, 30)))
                .file("mask", TestImages.png(TestImages.mask(40, 30, 10, 10, 4, 4)));
    }

    /** One small edit through {@code /edit} with {@code apiKey} in the Api-Key header, whatever its answer. */
    public HttpResponse<byte[]> smallEdit(String apiKey) {
        return post("/edit", smallForm(), "Api-Key", apiKey);
    }

    /** One small edit through the aggregator path, which must succeed; the link to its image. */
    public String editedImageUrl() {
        HttpResponse<byte[]> response = edit(smallForm());
        if (response.statusCode() != 200) {
            throw new AssertionError("the edit answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return json(response).get("data").get(0).get("url").asText();
    }

    public HttpResponse<byte[]> get(String url, String... headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base() + url));
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return send(req.GET().build());
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(response.body()), e);
        }
    }

    @Override
    public void close() {
        server.close();
        app.close();
    }
}
