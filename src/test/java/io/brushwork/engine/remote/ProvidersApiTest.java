package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.PngEncoder;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers configured as an operator would, through the public API: a live IOPaint (a local fake that speaks its
 * protocol) serving a model, and a route whose first backend is dead falling back to it with nothing lost.
 */
class ProvidersApiTest {
    private static final int PAINT = 0xFF11CC22;

    @TempDir
    Path data;

    /** IOPaint's inpaint endpoint: paints where the (white = fill) mask is white, answers raw PNG with X-Seed. */
    private static FakeUpstream.Response ioPaint(FakeUpstream.Request request) throws Exception {
        JsonNode body = new ObjectMapper().readTree(request.body());
        ImageDecoder decoder = new ImageDecoder(10_000_000);
        ArgbImage image = decoder.decode(Base64.getDecoder().decode(body.get("image").asText()));
        ArgbImage mask = decoder.decode(Base64.getDecoder().decode(body.get("mask").asText()));
        int[] px = image.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            if ((mask.pixels()[i] & 0xFF) > 127) {
                px[i] = PAINT;
            }
        }
        return FakeUpstream.Response.bytes(200, "image/png",
                PngEncoder.encode(new ArgbImage(image.width(), image.height(), px, false)))
                .with("X-Seed", body.path("sd_seed").asText("0"));
    }

    private static byte[] solid(int width, int height, int argb) {
        int[] px = new int[width * height];
        java.util.Arrays.fill(px, argb);
        return PngEncoder.encode(new ArgbImage(width, height, px, false));
    }

    /** Ideogram, OpenAI-compatible and SD WebUI, each behind a model name and answering in its own format. */
    @Test
    void everyProviderServesThroughThePublicApi() throws Exception {
        try (FakeUpstream ideogram = new FakeUpstream(); FakeUpstream openAi = new FakeUpstream();
             FakeUpstream sd = new FakeUpstream()) {
            ideogram.answer(request -> request.path().equals("/edit")
                    ? FakeUpstream.Response.json(200, "{\"created\":\"2026-11-24T12:00:00+00:00\",\"data\":[{"
                    + "\"url\":\"" + ideogram.base() + "/direct/1.png\",\"prompt\":\"upstream rewrite\","
                    + "\"resolution\":\"40x30\",\"is_image_safe\":true,\"seed\":5,\"style_type\":\"GENERAL\"}]}")
                    : FakeUpstream.Response.bytes(200, "image/png", solid(40, 30, 0xFF0000FF)));
            openAi.answer(request -> FakeUpstream.Response.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\""
                    + Base64.getEncoder().encodeToString(solid(1024, 1024, 0xFFFF0000)) + "\"}]}"));
            sd.answer(request -> FakeUpstream.Response.json(200, "{\"images\":[\""
                    + Base64.getEncoder().encodeToString(solid(40, 32, 0xFF00FF00)) + "\"]}"));
            Path config = Files.writeString(data.resolve("providers.yaml"), String.join("\n",
                    "backends:",
                    "  ideogram: {type: ideogram, base-url: '" + ideogram.base() + "', api-key: ideo-key}",
                    "  openai: {type: openai, base-url: '" + openAi.base() + "', model: gpt-image-1, api-key: sk-x}",
                    "  sd: {type: sd-webui, base-url: '" + sd.base() + "'}",
                    "models:",
                    "  IDEO: {engine: ideogram, preset: default}",
                    "  OPENAI: {engine: openai, preset: default}",
                    "  SD: {engine: sd, preset: default}",
                    ""));
            byte[] photo = TestImages.png(TestImages.photo(40, 30));
            byte[] mask = TestImages.png(TestImages.mask(40, 30, 10, 10, 5, 5));
            try (TestServer server = TestServer.builder(data.resolve("server")).config(config).start()) {
                for (String[] c : new String[][] {{"IDEO", "FF0000FF"}, {"OPENAI", "FFFF0000"}, {"SD", "FF00FF00"}}) {
                    HttpResponse<byte[]> response = server.edit(new Multipart().file("image_file", photo)
                            .file("mask", mask).text("model", c[0]).text("prompt", "a pond")
                            .text("magic_prompt_option", "OFF"));
                    assertThat(response.statusCode()).as(c[0] + ": " + new String(response.body())).isEqualTo(200);
                    JsonNode item = TestServer.json(response).get("data").get(0);
                    ArgbImage result = new ImageDecoder(1_000_000).decode(server.get(item.get("url").asText())
                            .body());
                    assertThat(Integer.toHexString(result.pixels()[12 * 40 + 12]).toUpperCase()).as(c[0])
                            .isEqualTo(c[1]);
                    if (c[0].equals("IDEO")) {
                        assertThat(item.get("prompt").asText()).as("Ideogram's own rewrite is kept")
                                .isEqualTo("upstream rewrite");
                    }
                }
                assertThat(ideogram.requests().get(0).header("Api-Key")).isEqualTo("ideo-key");
            }
        }
    }

    @Test
    void aLiveProviderServesAndADeadOneFallsBackWithNothingLost() throws Exception {
        try (FakeUpstream paint = new FakeUpstream()) {
            paint.answer(ProvidersApiTest::ioPaint);
            Path config = Files.writeString(data.resolve("brushwork.yaml"), String.join("\n",
                    "backends:",
                    "  paint: {type: iopaint, base-url: '" + paint.base() + "', timeout: 10s}",
                    "  dead: {type: openai, base-url: '" + FakeUpstream.deadAddress() + "', model: gpt-image-1,"
                            + " api-key: sk-very-secret-123}",
                    "models:",
                    "  PAINT: {engine: paint, preset: default}",
                    "  FAILOVER:",
                    "    route:",
                    "      - {backend: dead, retries: 1}",
                    "      - {backend: paint, tier: 2}",
                    "  DEAD: {engine: dead, preset: default}",
                    ""));
            byte[] photo = TestImages.png(TestImages.photo(40, 30));
            byte[] mask = TestImages.png(TestImages.mask(40, 30, 10, 10, 5, 5));
            try (TestServer server = TestServer.builder(data.resolve("server")).config(config).start()) {
                for (String model : new String[] {"PAINT", "FAILOVER"}) {
                    HttpResponse<byte[]> response = server.edit(new Multipart().file("image_file", photo)
                            .file("mask", mask).text("model", model).text("prompt", "grass"));
                    assertThat(response.statusCode()).as(model + ": " + new String(response.body())).isEqualTo(200);
                    ArgbImage result = new ImageDecoder(1_000_000).decode(server.get(
                            TestServer.json(response).get("data").get(0).get("url").asText()).body());
                    assertThat(result.pixels()[12 * 40 + 12]).as("filled by the provider").isEqualTo(PAINT);
                    String id = response.headers().firstValue("X-Request-Id").orElseThrow();
                    assertThat(server.app.usage().forRequest(id)).singleElement()
                            .satisfies(r -> assertThat(r.engine()).isEqualTo("paint"));
                }
                assertThat(paint.requests()).hasSize(2);

                HttpResponse<byte[]> dead = server.edit(new Multipart().file("image_file", photo)
                        .file("mask", mask).text("model", "DEAD"));
                assertThat(dead.statusCode()).isEqualTo(503);
                assertThat(new String(dead.body())).doesNotContain("sk-very-secret-123");
                assertThat(new String(server.get("/v1/models", "Api-Key", server.key).body()))
                        .doesNotContain("sk-very-secret-123");
            }
        }
    }

    /** Ideogram's 422 is its safety check (its API says so): the client gets it as it is, and no fallback runs. */
    @Test
    void ideogramsSafetyRefusalReachesTheClientAndStopsTheRoute() throws Exception {
        String refusal = "Prompt provided failed safety check due to the inclusion of prohibited content.";
        try (FakeUpstream ideogram = new FakeUpstream(); FakeUpstream paint = new FakeUpstream()) {
            ideogram.answer(request -> FakeUpstream.Response.json(422, "{\"error\": \"" + refusal + "\"}"));
            paint.answer(ProvidersApiTest::ioPaint);
            Path config = Files.writeString(data.resolve("refusal.yaml"), String.join("\n",
                    "backends:",
                    "  ideogram: {type: ideogram, base-url: '" + ideogram.base() + "', api-key: ideo-key}",
                    "  paint: {type: iopaint, base-url: '" + paint.base() + "'}",
                    "models:",
                    "  V_2:",
                    "    route:",
                    "      - {backend: ideogram}",
                    "      - {backend: paint, tier: 2}",
                    ""));
            try (TestServer server = TestServer.builder(data.resolve("server")).config(config).start()) {
                HttpResponse<byte[]> response = server.edit(new Multipart()
                        .file("image_file", TestImages.png(TestImages.photo(40, 30)))
                        .file("mask", TestImages.png(TestImages.mask(40, 30, 10, 10, 5, 5)))
                        .text("prompt", "a prompt Ideogram refuses"));
                assertThat(response.statusCode()).isEqualTo(422);
                assertThat(TestServer.json(response).get("error").asText()).isEqualTo(refusal);
                assertThat(ideogram.requests()).hasSize(1);
                assertThat(paint.requests()).as("a refusal is not a failure to fall back from").isEmpty();
                String id = response.headers().firstValue("X-Request-Id").orElseThrow();
                assertThat(server.app.usage().forRequest(id)).singleElement()
                        .satisfies(r -> assertThat(r.status()).isEqualTo(422));
            }
        }
    }
}
