package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ideogram 3.0's edit routes: V3 field names, rendering speed instead of model, GENERAL as the default style. */
class EditV3Test {
    private static final byte[] PNG = TestImages.png(TestImages.photo(64, 48));
    // A V3 result comes out at 1152x864: a small hole keeps the fill at that size quick.
    private static final byte[] MASK = TestImages.png(TestImages.mask(64, 48, 30, 20, 1, 1));

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

    private static HttpResponse<byte[]> v3(Multipart form) {
        return server.post("/ideogram/v1/ideogram-v3/edit", form, "Authorization", "Bearer " + server.key);
    }

    private static String error(HttpResponse<byte[]> response) {
        return TestServer.json(response).get("error").asText();
    }

    @Test
    void renderingSpeedPicksTheModel() {
        for (String[] speed : new String[][] {{"FLASH", "V_2_TURBO"}, {"turbo", "V_2_TURBO"}, {"BALANCED", "V_2"},
                {"QUALITY", "V_2"}, {"", "V_2"}}) {
            HttpResponse<byte[]> response = v3(new Multipart().file("image", PNG).file("mask", MASK)
                    .text("rendering_speed", speed[0]).text("magic_prompt", "OFF").text("seed", "4"));
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(server.app.usage().forRequest(id)).singleElement()
                    .satisfies(r -> assertThat(r.model()).as(speed[0]).isEqualTo(speed[1]));
        }
    }

    @Test
    void styleDefaultsToGeneralAndTakesOnlyV3Values() {
        HttpResponse<byte[]> plain = v3(new Multipart().file("image", PNG).file("mask", MASK).text("num_images", "2"));
        assertThat(TestServer.json(plain).get("data")).hasSize(2)
                .allSatisfy(item -> assertThat(item.get("style_type").asText()).isEqualTo("GENERAL"));

        HttpResponse<byte[]> fiction = v3(new Multipart().file("image", PNG).file("mask", MASK)
                .text("style_type", "fiction"));
        assertThat(TestServer.json(fiction).get("data").get(0).get("style_type").asText()).isEqualTo("FICTION");

        HttpResponse<byte[]> anime = v3(new Multipart().file("image", PNG).file("mask", MASK)
                .text("style_type", "ANIME"));
        assertThat(anime.statusCode()).isEqualTo(400);
        assertThat(error(anime)).contains("style_type must be one of AUTO, GENERAL, REALISTIC, DESIGN, FICTION,"
                + " STYLIZED");

        HttpResponse<byte[]> custom = v3(new Multipart().file("image", PNG).file("mask", MASK)
                .text("style_type", "CUSTOM"));
        assertThat(error(custom)).contains("style codes");
    }

    @Test
    void v3FieldNamesAndValuesAreChecked() {
        HttpResponse<byte[]> legacyName = v3(new Multipart().file("image_file", PNG).file("mask", MASK));
        assertThat(legacyName.statusCode()).isEqualTo(400);
        assertThat(error(legacyName)).contains("image is required");

        HttpResponse<byte[]> speed = v3(new Multipart().file("image", PNG).file("mask", MASK)
                .text("rendering_speed", "LUDICROUS"));
        assertThat(error(speed)).contains("rendering_speed must be one of FLASH, TURBO, BALANCED, DEFAULT, QUALITY");

        HttpResponse<byte[]> magic = v3(new Multipart().file("image", PNG).file("mask", MASK)
                .text("magic_prompt", "SOMETIMES"));
        assertThat(error(magic)).contains("magic_prompt must be one of AUTO, ON, OFF");

        HttpResponse<byte[]> inpaint = server.post("/v1/ideogram-v3/inpaint", new Multipart().file("image", PNG)
                .file("mask", MASK).text("prompt", "sand"), "Api-Key", server.key);
        assertThat(inpaint.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(inpaint).get("data").get(0).get("prompt").asText()).startsWith("sand");
    }
}
