package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.engine.Cancellation;
import io.brushwork.engine.onnx.SuperResolutionModel;
import io.brushwork.engine.upscale.ClassicUpscaler;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.testing.IdeogramSchemas;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /upscale} through the real server: the built-in upscaler with no configuration, and an ONNX model. */
class UpscaleApiTest {
    private static final ArgbImage PHOTO = TestImages.photo(100, 80);

    @TempDir
    Path data;

    private static HttpResponse<byte[]> upscale(TestServer server, Multipart form) {
        return server.post("/ideogram/upscale", form, "Authorization", "Bearer " + server.key);
    }

    private static ArgbImage decode(byte[] png) throws Exception {
        return new ImageDecoder(100_000_000).decode(png);
    }

    private static JsonNode operations(TestServer server, String model) {
        for (JsonNode m : TestServer.json(server.get("/v1/models", "Authorization", "Bearer " + server.key))
                .get("data")) {
            if (m.get("id").asText().equals(model)) {
                return m.get("operations");
            }
        }
        throw new AssertionError("no model " + model);
    }

    @Test
    void theBuiltInUpscalerDoublesThePhotoWithNoConfiguration() throws Exception {
        try (TestServer server = TestServer.builder(data).start()) {
            HttpResponse<byte[]> response = upscale(server, new Multipart().file("image_file", TestImages.png(PHOTO))
                    .text("image_request", "{\"resemblance\": 60, \"detail\": 40, \"seed\": 3, \"num_images\": 2}"));
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            JsonNode body = TestServer.json(response);
            assertThat(IdeogramSchemas.problems("GenerateImageResponse", body)).isEmpty();
            JsonNode item = body.get("data").get(0);
            assertThat(item.get("resolution").asText()).isEqualTo("100x80");
            assertThat(item.get("upscaled_resolution").asText()).isEqualTo("200x160");
            assertThat(item.get("prompt").asText()).as("no prompt, nothing for Magic Prompt to rewrite").isEmpty();
            assertThat(body.get("data").get(1).get("seed").asInt()).isEqualTo(4);
            ArgbImage out = decode(server.get(item.get("url").asText()).body());
            ArgbImage expected = ClassicUpscaler.upscale(decode(TestImages.png(PHOTO)), 2, 60, 40,
                    Cancellation.NONE);
            assertThat(out.pixels()).as("the built-in upscaler's own pixels").isEqualTo(expected.pixels());
            assertThat(operations(server, "V_2").get("upscale").get("backends").get(0).asText())
                    .isEqualTo("lanczos");
        }
    }

    @Test
    void aResultOverThePixelLimitIsRefusedNamingWhatFits() {
        try (TestServer server = TestServer.builder(data).set("max-pixels", "20000").start()) {
            HttpResponse<byte[]> response = upscale(server, new Multipart()
                    .file("image_file", TestImages.png(PHOTO)));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(response).get("error").asText())
                    .startsWith("image_file is 100x80; upscaled 2 times it would be 200x160, over this server's"
                            + " limit");
        }
    }

    /** A x4 model serves the model's upscale route; its result is brought to Ideogram's x2. */
    @Test
    void anOnnxSuperResolutionModelServesTheRouteWrittenForIt() throws Exception {
        Path model = SuperResolutionModel.resize(data.resolve("x4.onnx"), "input", 4, "nearest");
        Path config = Files.writeString(data.resolve("brushwork.yaml"), String.join("\n",
                "backends:",
                "  sr: {type: onnx-upscale, model: " + model + "}",
                "models:",
                "  V_2: {backend: patchmatch, preset: quality, upscale: sr}",
                ""));
        try (TestServer server = TestServer.builder(data.resolve("server")).config(config).start()) {
            assertThat(operations(server, "V_2").get("upscale").get("backends").get(0).asText()).isEqualTo("sr");
            assertThat(operations(server, "V_2_TURBO").get("upscale").get("backends").get(0).asText())
                    .as("another model keeps the built-in upscaler").isEqualTo("lanczos");
            HttpResponse<byte[]> response = upscale(server, new Multipart()
                    .file("image_file", TestImages.png(PHOTO)));
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            JsonNode item = TestServer.json(response).get("data").get(0);
            ArgbImage out = decode(server.get(item.get("url").asText()).body());
            assertThat(out.width()).isEqualTo(200);
            assertThat(out.height()).isEqualTo(160);
            // Nearest x4 then halved: each output pixel is its source pixel again (to rounding), away from edges.
            int got = out.pixels()[41 * 200 + 61];
            int want = PHOTO.pixels()[20 * 100 + 30];
            for (int shift = 0; shift < 24; shift += 8) {
                assertThat((got >> shift) & 0xFF).isCloseTo((want >> shift) & 0xFF,
                        Offset.offset(1));
            }
            assertThat(server.app.usage().forRequest(response.headers().firstValue("X-Request-Id").orElseThrow()))
                    .singleElement().satisfies(row -> assertThat(row.engine()).isEqualTo("sr"));
        }
    }
}
