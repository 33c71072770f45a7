package io.brushwork.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.config.ConfigException;
import io.brushwork.edit.UnsafePromptException;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.image.ArgbImage;
import io.brushwork.testing.GatedEngine;
import io.brushwork.testing.IdeogramSchemas;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety checks through the edit API: Ideogram's 422 for prompts, and unsafe results kept out of the store. */
class SafetyApiTest {
    @TempDir
    Path data;

    private static final byte[] MASK = TestImages.png(TestImages.mask(40, 30, 10, 10, 6, 6));

    private static byte[] flat(int argb) {
        int[] px = new int[40 * 30];
        Arrays.fill(px, argb);
        return TestImages.png(new ArgbImage(40, 30, px, false));
    }

    private static Multipart form(String prompt) {
        return new Multipart().file("image_file", TestImages.png(TestImages.photo(40, 30))).file("mask", MASK)
                .text("prompt", prompt);
    }

    @Test
    void aProhibitedPromptIsIdeograms422AndNoWorkIsDone() {
        GatedEngine engine = new GatedEngine(new PatchMatchEngine());
        try (TestServer server = TestServer.builder(data)
                .backends(new BackendRegistry().register(engine).register(new TeleaEngine())).start()) {
            for (String prompt : new String[] {"an NSFW poster", "a n5fw poster", "n s f w"}) {
                HttpResponse<byte[]> response = server.edit(form(prompt));
                assertThat(response.statusCode()).as(prompt).isEqualTo(422);
                JsonNode body = TestServer.json(response);
                assertThat(body.toString()).isEqualTo("{\"error\":\"" + UnsafePromptException.MESSAGE + "\"}");
                assertThat(IdeogramSchemas.problems("GenerateImageSafetyError", body)).isEmpty();
                String id = response.headers().firstValue("X-Request-Id").orElseThrow();
                assertThat(server.app.usage().forRequest(id)).singleElement()
                        .satisfies(r -> assertThat(r.status()).isEqualTo(422));
            }
            assertThat(engine.entered.getCount()).as("the engine never started").isEqualTo(1);
            engine.gate.countDown();
            assertThat(server.edit(form("Sussex countryside, a classic assistant")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void operatorsBringTheirOwnListOrTurnTheCheckOff() throws Exception {
        Path terms = Files.writeString(data.resolve("terms.yaml"), "brand-names:\n  - acme rockets\n");
        try (TestServer server = TestServer.builder(data.resolve("a"))
                .set("safety-prompt-terms", terms.toString()).start()) {
            assertThat(server.edit(form("an ACME   rockets billboard")).statusCode()).isEqualTo(422);
            assertThat(server.edit(form("an nsfw poster")).statusCode()).as("the built-in list is replaced")
                    .isEqualTo(200);
        }
        try (TestServer server = TestServer.builder(data.resolve("b")).set("safety-prompt-check", "false").start()) {
            assertThat(server.edit(form("an nsfw poster")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnsafeResultHasNoUrlAndItsPixelsAreNotStored() throws Exception {
        // The tiny classifier calls bright images unsafe: a white photo stays white after the fill.
        Path model = TinyClassifierModel.logits().write(data, "brightness.onnx");
        try (TestServer server = TestServer.builder(data.resolve("server"))
                .set("safety-classifier-model", model.toString()).set("safety-classifier-input-size", "8x8")
                .set("safety-classifier-mean", "0,0,0").set("safety-classifier-std", "1,1,1").start()) {
            HttpResponse<byte[]> white = server.edit(new Multipart().file("image_file", flat(0xFFFFFFFF))
                    .file("mask", MASK).text("num_images", "2"));
            assertThat(white.statusCode()).isEqualTo(200);
            JsonNode body = TestServer.json(white);
            assertThat(IdeogramSchemas.problems("GenerateImageResponse", body)).isEmpty();
            assertThat(body.get("data")).hasSize(2).allSatisfy(item -> {
                assertThat(item.get("is_image_safe").asBoolean()).isFalse();
                assertThat(item.get("url").isNull()).isTrue();
            });
            try (Stream<Path> files = Files.list(server.imageDirectory())) {
                assertThat(files).isEmpty();
            }

            HttpResponse<byte[]> dark = server.edit(new Multipart().file("image_file", flat(0xFF101010))
                    .file("mask", MASK));
            JsonNode item = TestServer.json(dark).get("data").get(0);
            assertThat(item.get("is_image_safe").asBoolean()).isTrue();
            assertThat(server.get(item.get("url").asText()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClassifierThatDoesNotFitItsSettingsStopsTheServerFromStarting() throws Exception {
        Path model = TinyClassifierModel.logits().write(data, "brightness.onnx");
        assertThatThrownBy(() -> TestServer.builder(data.resolve("server"))
                .set("safety-classifier-model", model.toString()).set("safety-classifier-input-size", "224").start())
                .isInstanceOf(ConfigException.class).hasMessageContaining("brightness.onnx");
    }
}
