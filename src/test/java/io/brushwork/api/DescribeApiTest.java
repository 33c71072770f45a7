package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.brushwork.describe.Describer;
import io.brushwork.testing.IdeogramSchemas;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /describe} through the real server, with a local server that speaks OpenAI's chat completions. */
class DescribeApiTest {
    @TempDir
    Path data;
    private HttpServer vision;
    private final List<JsonNode> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopVision() {
        if (vision != null) {
            vision.stop(0);
        }
    }

    private String startVision(String answer) throws IOException {
        vision = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vision.createContext("/v1/chat/completions", exchange -> {
            asked.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            byte[] body = new ObjectMapper().writeValueAsBytes(java.util.Map.of("choices", List.of(java.util.Map.of(
                    "message", java.util.Map.of("role", "assistant", "content", answer)))));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        vision.start();
        return "http://127.0.0.1:" + vision.getAddress().getPort();
    }

    private static HttpResponse<byte[]> describe(TestServer server, Multipart form) {
        return server.post("/ideogram/describe", form, "Authorization", "Bearer " + server.key);
    }

    @Test
    void describesThroughTheVisionModelInIdeogramsShape() throws IOException {
        String url = startVision("  A red lighthouse on a rocky shore at dusk.  ");
        try (TestServer server = TestServer.builder(data).set("describe-llm-url", url)
                .set("describe-llm-model", "tiny-vision").start()) {
            HttpResponse<byte[]> response = describe(server, new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(64, 48)))
                    .text("describe_model_version", "V_3"));
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            JsonNode body = TestServer.json(response);
            assertThat(IdeogramSchemas.problems("DescribeResponse", body)).isEmpty();
            assertThat(body.get("descriptions").get(0).get("text").asText())
                    .isEqualTo("A red lighthouse on a rocky shore at dusk.");
            assertThat(asked).singleElement().satisfies(r -> assertThat(r.get("model").asText())
                    .isEqualTo("tiny-vision"));
            assertThat(server.app.usage().forRequest(response.headers().firstValue("X-Request-Id").orElseThrow()))
                    .singleElement().satisfies(row -> {
                        assertThat(row.status()).isEqualTo(200);
                        assertThat(row.route()).isEqualTo("/ideogram/describe");
                        assertThat(row.keyId()).isNotNull();
                    });

            HttpResponse<byte[]> notAnImage = describe(server, new Multipart()
                    .file("image_file", "not an image".getBytes(StandardCharsets.UTF_8)));
            assertThat(notAnImage.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(notAnImage).get("error").asText()).startsWith("image_file ");
            HttpResponse<byte[]> version = describe(server, new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(8, 8)))
                    .text("describe_model_version", "V_9"));
            assertThat(version.statusCode()).isEqualTo(400);
            assertThat(asked).as("refused requests never reach the model").hasSize(1);
        }
    }

    @Test
    void withoutAVisionModelItIs503SayingWhatToSet() {
        try (TestServer server = TestServer.builder(data).start()) {
            HttpResponse<byte[]> response = describe(server, new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(16, 16))));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(response).get("error").asText()).isEqualTo(Describer.NOT_CONFIGURED);
        }
    }
}
