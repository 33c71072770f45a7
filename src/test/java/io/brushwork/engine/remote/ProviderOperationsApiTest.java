package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.edit.Resolutions;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.PngEncoder;
import io.brushwork.testing.IdeogramSchemas;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation beyond edit through the public API, with the default model routed to Ideogram (a local fake that
 * answers each of its routes as Ideogram does): the answer must be Ideogram's schema and its link a PNG of the
 * size the request asked for. Without a provider, an operation only providers serve is a 503 that says what to
 * configure.
 */
class ProviderOperationsApiTest {
    private static final int PAINT = 0xFF2040E0;
    private static final String REWRITE = "a lighthouse at dusk, painted by Ideogram's own rewrite";

    @TempDir
    Path data;

    /** Result images the fake serves, by path. */
    private final Map<String, byte[]> results = new ConcurrentHashMap<>();
    private final AtomicInteger made = new AtomicInteger();

    /**
     * Ideogram: each route answers with a link to a {@link #PAINT} image. Its size is not the one asked, as
     * Ideogram's may not be (an aspect ratio, an upscale of its own), so Brushwork must bring it to size.
     */
    private FakeUpstream.Response ideogram(FakeUpstream fake, FakeUpstream.Request request) {
        if (request.method().equals("GET")) {
            return FakeUpstream.Response.bytes(200, "image/png", results.get(request.path()));
        }
        assertThat(request.header("Api-Key")).isEqualTo("ideo-key");
        int[] px = new int[96 * 64];
        Arrays.fill(px, PAINT);
        String path = "/results/" + made.incrementAndGet() + ".png";
        results.put(path, PngEncoder.encode(new ArgbImage(96, 64, px, false)));
        return FakeUpstream.Response.json(200, "{\"created\": \"2026-11-24T12:00:00+00:00\", \"data\": [{\"url\": \""
                + fake.base() + path + "?sig=1\", \"prompt\": \"" + REWRITE + "\", \"resolution\": \"96x64\","
                + " \"is_image_safe\": true, \"seed\": 1, \"style_type\": \"GENERAL\"}]}");
    }

    private static HttpResponse<byte[]> postJson(TestServer server, String path, String json) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json")
                .header("Api-Key", server.key)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** 200, the schema's shape, Ideogram's prompt, and a link to a PNG of {@code width x height}. */
    private static ArgbImage assertServed(TestServer server, HttpResponse<byte[]> response, String schema,
                                          int width, int height) throws Exception {
        String body = new String(response.body());
        assertThat(response.statusCode()).as(body).isEqualTo(200);
        JsonNode json = TestServer.json(response);
        assertThat(IdeogramSchemas.problems(schema, json)).as("%s: %s", schema, body).isEmpty();
        JsonNode item = json.get("data").get(0);
        assertThat(item.get("prompt").asText()).as("Ideogram's own rewrite").isEqualTo(REWRITE);
        assertThat(item.get("is_image_safe").asBoolean()).isTrue();
        HttpResponse<byte[]> image = server.get(item.get("url").asText());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        ArgbImage png = new ImageDecoder(10_000_000).decode(image.body());
        assertThat(png.resolution()).isEqualTo(width + "x" + height);
        return png;
    }

    @Test
    void everyOperationServedByIdeogramAnswersInIdeogramsSchema() throws Exception {
        try (FakeUpstream ideogram = new FakeUpstream()) {
            ideogram.answer(request -> ideogram(ideogram, request));
            Path config = Files.writeString(data.resolve("ideogram.yaml"), String.join("\n",
                    "backends:",
                    "  ideogram: {type: ideogram, base-url: '" + ideogram.base() + "', api-key: ideo-key}",
                    "models:",
                    "  V_2: {engine: ideogram, preset: default}",
                    ""));
            ArgbImage photo = TestImages.photo(40, 30);
            byte[] png = TestImages.png(photo);
            Resolutions.Size photoShape = Resolutions.nearestV3(40, 30);
            Resolutions.Size wide = Resolutions.nearestV3(16, 9);
            try (TestServer server = TestServer.builder(data.resolve("server")).config(config).start()) {
                assertServed(server, postJson(server, "/generate", "{\"image_request\": {\"prompt\": \"a"
                        + " lighthouse\", \"resolution\": \"RESOLUTION_1024_768\", \"magic_prompt_option\": \"ON\"}}"),
                        "GenerateImageResponse", 1024, 768);
                assertServed(server, server.post("/v1/ideogram-v3/generate", new Multipart()
                        .text("prompt", "a lighthouse").text("resolution", "1280x800"), "Api-Key", server.key),
                        "ImageGenerationResponseV3", 1280, 800);
                assertServed(server, postJson(server, "/v1/ideogram-v3/generate",
                        "{\"prompt\": \"a lighthouse\", \"aspect_ratio\": \"16x9\"}"),
                        "ImageGenerationResponseV3", wide.width(), wide.height());
                assertServed(server, server.post("/remix", new Multipart().file("image_file", png)
                        .text("image_request", "{\"prompt\": \"a lighthouse\", \"image_weight\": 40}"),
                        "Api-Key", server.key), "GenerateImageResponse", photoShape.width(), photoShape.height());
                assertServed(server, server.post("/v1/ideogram-v3/remix", new Multipart().file("image", png)
                        .text("prompt", "a lighthouse").text("image_weight", "40"), "Api-Key", server.key),
                        "ImageGenerationResponseV3", photoShape.width(), photoShape.height());
                assertServed(server, server.post("/v1/ideogram-v3/replace-background", new Multipart()
                        .file("image", png).text("prompt", "a lighthouse"), "Api-Key", server.key),
                        "ImageGenerationResponseV3", photoShape.width(), photoShape.height());
                ArgbImage reframed = assertServed(server, server.post("/reframe", new Multipart()
                        .file("image_file", png).text("resolution", "RESOLUTION_1024_1024").text("model", "V_2"),
                        "Api-Key", server.key), "GenerateImageResponse", 1024, 1024);
                assertThat(reframed.pixels()[0]).as("the border is Ideogram's").isEqualTo(PAINT);
                assertThat(reframed.pixels()[512 * 1024 + 512]).as("the placed photo's pixels are kept")
                        .isNotEqualTo(PAINT);
                HttpResponse<byte[]> upscale = server.post("/upscale", new Multipart().file("image_file", png)
                        .text("image_request", "{\"resemblance\": 60}"), "Api-Key", server.key);
                assertServed(server, upscale, "GenerateImageResponse", 80, 60);
                assertThat(TestServer.json(upscale).get("data").get(0).get("upscaled_resolution").asText())
                        .isEqualTo("80x60");

                assertThat(ideogram.requests()).filteredOn(r -> r.method().equals("POST"))
                        .extracting(FakeUpstream.Request::path).containsExactly("/generate", "/generate", "/generate",
                                "/remix", "/remix", "/v1/ideogram-v3/replace-background", "/reframe", "/upscale");
            }
        }
    }

    @Test
    void withNoProviderGenerateIsUnavailableAndSaysWhatToConfigure() throws Exception {
        try (TestServer server = TestServer.builder(data.resolve("server")).start()) {
            HttpResponse<byte[]> response = postJson(server, "/generate",
                    "{\"image_request\": {\"prompt\": \"a lighthouse\"}}");

            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(503);
            JsonNode body = TestServer.json(response);
            assertThat(body.size()).as("Ideogram's flat error: %s", body).isEqualTo(1);
            assertThat(body.get("error").asText()).contains("generate", "backends", "ideogram");
        }
    }
}
