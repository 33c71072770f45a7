package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.testing.IdeogramSchemas;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations a bare server serves on its own (reframe, Magic Prompt) and the clear 503 for those that need a
 * provider, through the real server; each 200 is checked against Ideogram's schema.
 */
class OperationsApiTest {
    private static final ArgbImage PHOTO = TestImages.photo(1024, 500);

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.builder(data).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> post(String path, Multipart form) {
        return server.post(path, form, "Authorization", "Bearer " + server.key);
    }

    private static HttpResponse<byte[]> postJson(String path, String json) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + server.key)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void assertConforms(String schema, HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode body = TestServer.json(response);
        assertThat(IdeogramSchemas.problems(schema, body)).as("%s: %s", schema, body).isEmpty();
    }

    private static ArgbImage image(JsonNode item) throws Exception {
        HttpResponse<byte[]> png = server.get(item.get("url").asText());
        assertThat(png.statusCode()).isEqualTo(200);
        return new ImageDecoder(100_000_000).decode(png.body());
    }

    /**
     * The photo spans the new canvas's width, so it is not scaled: it sits in the middle with its own pixels
     * exactly, and the border above and below is filled from it rather than left as the smeared edge it starts from.
     */
    @Test
    void reframeExtendsThePhotoAndKeepsEveryOneOfItsPixels() throws Exception {
        HttpResponse<byte[]> response = post("/ideogram/reframe", new Multipart()
                .file("image_file", TestImages.png(PHOTO)).text("resolution", "RESOLUTION_1024_640")
                .text("model", "V_2_TURBO").text("seed", "7"));
        assertConforms("GenerateImageResponse", response);
        JsonNode item = TestServer.json(response).get("data").get(0);
        assertThat(item.get("resolution").asText()).isEqualTo("1024x640");
        assertThat(item.get("seed").asInt()).isEqualTo(7);
        ArgbImage out = image(item);
        assertThat(out.width()).isEqualTo(1024);
        assertThat(out.height()).isEqualTo(640);
        int top = (640 - 500) / 2;
        for (int y = 0; y < 500; y++) {
            for (int x = 0; x < 1024; x++) {
                assertThat(out.pixels()[(top + y) * 1024 + x]).as("photo pixel %d,%d", x, y)
                        .isEqualTo(PHOTO.pixels()[y * 1024 + x]);
            }
        }
        // The start smears the photo's top row straight up: every column above the photo is one colour there.
        int varied = 0;
        for (int x = 0; x < 1024; x++) {
            for (int y = 1; y < top; y++) {
                if (out.pixels()[y * 1024 + x] != out.pixels()[x]) {
                    varied++;
                    break;
                }
            }
        }
        assertThat(varied).as("columns above the photo that are not one smeared colour").isGreaterThan(512);
    }

    @Test
    void reframeV3AnswersInV3Shape() throws Exception {
        HttpResponse<byte[]> response = post("/v1/ideogram-v3/reframe", new Multipart()
                .file("image", TestImages.png(TestImages.photo(512, 384))).text("resolution", "1024x832")
                .text("rendering_speed", "TURBO").text("num_images", "2").text("seed", "11"));
        assertConforms("ImageGenerationResponseV3", response);
        JsonNode data = TestServer.json(response).get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(1).get("seed").asInt()).isEqualTo(12);
        assertThat(image(data.get(0)).width()).isEqualTo(1024);
    }

    @Test
    void reframeSaysWhatResolutionItNeeds() {
        HttpResponse<byte[]> missing = post("/reframe", new Multipart().file("image_file", TestImages.png(PHOTO)));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(missing).get("error").asText()).startsWith("resolution is required");
        HttpResponse<byte[]> wrong = post("/reframe", new Multipart().file("image_file", TestImages.png(PHOTO))
                .text("resolution", "1024x640"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(wrong).get("error").asText())
                .contains("RESOLUTION_1024_1024").contains("'1024x640'");
        HttpResponse<byte[]> v3 = post("/v1/ideogram-v3/reframe", new Multipart()
                .file("image", TestImages.png(PHOTO)).text("resolution", "1000x1000"));
        assertThat(v3.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(v3).get("error").asText()).contains("1024x1024");
    }

    /** Generation needs a provider; a bare server says so, naming the config to add, and never answers 404. */
    @Test
    void generateWithoutAProviderIs503NamingTheConfig() {
        HttpResponse<byte[]> legacy = postJson("/ideogram/generate",
                "{\"image_request\": {\"prompt\": \"a lighthouse at dusk\"}}");
        assertThat(legacy.statusCode()).as(text(legacy)).isEqualTo(503);
        String error = TestServer.json(legacy).get("error").asText();
        assertThat(error).contains("V_2").contains("generate").contains("backends").contains("ideogram")
                .contains("models: {V_2: {generate: [{backend: NAME}]}}");
        assertThat(legacy.headers().firstValue("Retry-After")).isEmpty();

        HttpResponse<byte[]> v3 = post("/v1/ideogram-v3/generate", new Multipart().text("prompt", "a lighthouse"));
        assertThat(v3.statusCode()).isEqualTo(503);
        assertThat(TestServer.json(v3).get("error").asText()).contains("generate");
        HttpResponse<byte[]> remix = post("/v1/ideogram-v3/replace-background", new Multipart()
                .file("image", TestImages.png(PHOTO)).text("prompt", "a beach"));
        assertThat(remix.statusCode()).isEqualTo(503);
        assertThat(TestServer.json(remix).get("error").asText()).contains("replace-background");
        assertThat(server.app.usage().forRequest(legacy.headers().firstValue("X-Request-Id").orElseThrow()))
                .singleElement().satisfies(row -> {
                    assertThat(row.status()).isEqualTo(503);
                    assertThat(row.route()).isEqualTo("/ideogram/generate");
                });
    }

    @Test
    void generateChecksItsBodyBeforeItsBackend() {
        HttpResponse<byte[]> form = post("/generate", new Multipart().text("prompt", "a lighthouse"));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(TestServer.json(form).get("error").asText()).contains("application/json");
        HttpResponse<byte[]> noPrompt = postJson("/generate", "{\"image_request\": {\"prompt\": \" \"}}");
        assertThat(noPrompt.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(noPrompt).get("error").asText()).startsWith("image_request.prompt is required");
        HttpResponse<byte[]> both = postJson("/generate", "{\"image_request\": {\"prompt\": \"x\","
                + " \"resolution\": \"RESOLUTION_1024_1024\", \"aspect_ratio\": \"ASPECT_1_1\"}}");
        assertThat(both.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> broken = postJson("/generate", "{\"image_request\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(broken).get("error").asText()).startsWith("the request body is not valid JSON");
        HttpResponse<byte[]> noKey = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/generate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"image_request\": {\"prompt\": \"x\"}}")).build());
        assertThat(noKey.statusCode()).isEqualTo(401);
    }

    @Test
    void magicPromptRewritesAsAnEditWould() {
        HttpResponse<byte[]> json = postJson("/magic-prompt", "{\"prompt\": \"a cat on a sofa\","
                + " \"magic_prompt_version\": \"V_0\", \"classify_prompt_category\": true, \"seed\": 5}");
        assertConforms("MagicPromptResponse", json);
        String rewritten = TestServer.json(json).get("magic_prompt").asText();
        assertThat(rewritten).startsWith("a cat on a sofa").isNotEqualTo("a cat on a sofa");
        HttpResponse<byte[]> form = post("/ideogram/magic-prompt", new Multipart()
                .text("prompt", "a cat on a sofa").text("magic_prompt_version", "V_0").text("seed", "5"));
        assertConforms("MagicPromptResponse", form);
        assertThat(TestServer.json(form).get("magic_prompt").asText()).isEqualTo(rewritten);

        HttpResponse<byte[]> text = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/magic-prompt"))
                .header("Content-Type", "text/plain").header("Authorization", "Bearer " + server.key)
                .POST(HttpRequest.BodyPublishers.ofString("a cat")).build());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(TestServer.json(text).get("error").asText())
                .startsWith("the request body must be multipart/form-data or application/json");
        HttpResponse<byte[]> missing = postJson("/magic-prompt", "{\"magic_prompt_version\": \"V_0\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> version = postJson("/magic-prompt", "{\"prompt\": \"x\", \"magic_prompt_version\":"
                + " \"V_9\"}");
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(version).get("error").asText()).contains("magic_prompt_version");
    }

    @Test
    void modelsListTheOperationsEachServes() {
        JsonNode models = TestServer.json(server.get("/v1/models", "Authorization", "Bearer " + server.key));
        JsonNode v2 = null;
        for (JsonNode model : models.get("data")) {
            if (model.get("id").asText().equals("V_2")) {
                v2 = model;
            }
        }
        assertThat(v2).isNotNull();
        assertThat(v2.get("operations").fieldNames()).toIterable().contains("edit", "reframe", "upscale")
                .doesNotContain("generate", "remix", "replace-background");
        assertThat(v2.get("operations").get("reframe").get("backends").get(0).asText()).isEqualTo("patchmatch");
    }
}
