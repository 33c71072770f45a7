package io.brushwork.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX models configured the way an operator does it: a LaMa-contract model behind a public model name, a model
 * file that fails to load (the server starts, /readyz says why, its requests get 503), and a route that falls back
 * from the broken model to the built-in fill.
 */
class OnnxBackendApiTest {
    @TempDir
    Path data;

    @Test
    void configuredModelsServeFailLoudlyAndFallBack() throws Exception {
        Path lama = MeanFillModel.lama().write(data.resolve("lama.onnx"));
        Path broken = Files.write(data.resolve("broken.onnx"), "not a model".getBytes());
        Path config = Files.writeString(data.resolve("brushwork.yaml"), String.join("\n",
                "backends:",
                "  lama: {type: onnx, contract: lama, model: '" + lama + "'}",
                "  broken: {type: onnx, contract: migan, model: '" + broken + "'}",
                "models:",
                "  LAMA: {engine: lama, preset: default}",
                "  BROKEN: {engine: broken, preset: default}",
                "  SAFE:",
                "    route:",
                "      - {backend: broken}",
                "      - {backend: patchmatch, preset: fast, tier: 2}",
                ""));
        int[] px = new int[64 * 48];
        Arrays.fill(px, 0xFF336699);
        byte[] photo = TestImages.png(new ArgbImage(64, 48, px, false));
        byte[] mask = TestImages.png(TestImages.mask(64, 48, 20, 10, 10, 10));
        try (TestServer server = TestServer.builder(data.resolve("server")).config(config).start()) {
            HttpResponse<byte[]> filled = server.edit(new Multipart().file("image_file", photo).file("mask", mask)
                    .text("model", "LAMA"));
            assertThat(filled.statusCode()).as(new String(filled.body())).isEqualTo(200);
            ArgbImage result = new ImageDecoder(1_000_000).decode(
                    server.get(TestServer.json(filled).get("data").get(0).get("url").asText()).body());
            assertThat(result.pixels()[15 * 64 + 25] & 0xFFFFFF).as("the mean of the flat photo").isEqualTo(0x336699);

            HttpResponse<byte[]> down = server.edit(new Multipart().file("image_file", photo).file("mask", mask)
                    .text("model", "BROKEN"));
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(down).get("error").asText()).as("no server paths for clients")
                    .doesNotContain("broken.onnx").contains("no backend");

            HttpResponse<byte[]> nothingToDo = server.edit(new Multipart().file("image_file", photo)
                    .file("mask", TestImages.png(TestImages.mask(64, 48))).text("model", "BROKEN"));
            assertThat(nothingToDo.statusCode()).as("refused before the mask is even read").isEqualTo(503);

            HttpResponse<byte[]> fallback = server.edit(new Multipart().file("image_file", photo).file("mask", mask)
                    .text("model", "SAFE"));
            assertThat(fallback.statusCode()).isEqualTo(200);
            String id = fallback.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(server.app.usage().forRequest(id)).singleElement()
                    .satisfies(r -> assertThat(r.engine()).isEqualTo("patchmatch"));

            HttpResponse<byte[]> ready = server.get("/readyz");
            assertThat(ready.statusCode()).as("other models still serve").isEqualTo(200);
            assertThat(TestServer.json(ready).get("status").asText()).isEqualTo("degraded");
            JsonNode models = TestServer.json(ready).get("models");
            assertThat(models.get("LAMA").asText()).isEqualTo("ok");
            assertThat(models.get("BROKEN").asText()).contains("broken").contains("not available")
                    .as("the file's name, not the server's path").contains(".../broken.onnx")
                    .doesNotContain(data.toString());
            assertThat(new String(server.get("/v1/models", "Api-Key", server.key).body()))
                    .contains(".../broken.onnx").doesNotContain(data.toString());
            assertThat(models.get("SAFE").asText()).isEqualTo("ok");
        }
    }
}
