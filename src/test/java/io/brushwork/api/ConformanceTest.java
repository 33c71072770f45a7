package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.Resize;
import io.brushwork.testing.IdeogramSchemas;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.RawHttp;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A client written against Ideogram must not be able to tell the difference: every body the server produces is
 * validated against Ideogram's own schemas, and the multipart shapes that gateways are known to get wrong are sent
 * byte for byte.
 */
class ConformanceTest {
    private static final ArgbImage PHOTO = TestImages.photo(64, 48);
    private static final byte[] PNG = TestImages.png(PHOTO);
    private static final byte[] MASK = TestImages.png(TestImages.mask(64, 48, 20, 12, 8, 10));

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.builder(data).set("max-file-size", "2MB").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertConforms(String schema, HttpResponse<byte[]> response) {
        JsonNode body = TestServer.json(response);
        assertThat(IdeogramSchemas.problems(schema, body)).as("%s: %s", schema, body).isEmpty();
    }

    /** The prompt used; short prompts come back as Magic Prompt rewrites that start with the prompt as sent. */
    private static String prompt(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return TestServer.json(response).get("data").get(0).get("prompt").asText();
    }

    @Test
    void legacySuccessMatchesGenerateImageResponse() {
        HttpResponse<byte[]> response = server.edit(new Multipart().file("image_file", PNG).file("mask", MASK)
                .text("prompt", "a quiet garden").text("num_images", "2").text("style_type", "REALISTIC"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms("GenerateImageResponse", response);
        for (JsonNode item : TestServer.json(response).get("data")) {
            assertThat(IdeogramSchemas.problems("ImageObject", item)).isEmpty();
        }
    }

    /**
     * A V3 result's resolution must be one of Ideogram's sizes, or clients generated from its schema cannot read the
     * answer. A photo of any other size comes back at the nearest listed size in shape; its unmasked pixels are the
     * photo's, brought to that size.
     */
    @Test
    void v3ResultsOfAnyInputSizeComeAtOneOfIdeogramsSizes() throws Exception {
        ArgbImage photo = TestImages.photo(256, 192);
        HttpResponse<byte[]> response = server.post("/v1/ideogram-v3/edit", new Multipart()
                .file("image", TestImages.png(photo))
                .file("mask", TestImages.png(TestImages.mask(256, 192, 100, 80, 10, 10)))
                .text("prompt", "a wall").text("rendering_speed", "TURBO"), "Api-Key", server.key);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertConforms("ImageGenerationResponseV3", response);
        JsonNode item = TestServer.json(response).get("data").get(0);
        assertThat(item.get("resolution").asText()).as("4:3, as the photo").isEqualTo("1152x864");
        ArgbImage result = new ImageDecoder(10_000_000).decode(server.get(item.get("url").asText()).body());
        ArgbImage expected = Resize.bilinear(photo, 1152, 864);
        assertThat(result.width()).isEqualTo(1152);
        assertThat(result.pixels()[0]).isEqualTo(expected.pixels()[0]);
        assertThat(result.pixels()[863 * 1152 + 1151]).isEqualTo(expected.pixels()[863 * 1152 + 1151]);

        HttpResponse<byte[]> legacy = server.edit(new Multipart().file("image_file", TestImages.png(photo))
                .file("mask", TestImages.png(TestImages.mask(256, 192, 100, 80, 10, 10))));
        assertThat(TestServer.json(legacy).get("data").get(0).get("resolution").asText())
                .as("the legacy edit keeps the photo's size").isEqualTo("256x192");
    }

    @Test
    void v3SuccessMatchesImageGenerationResponseV3OnEveryV3Path() {
        // V3 resolutions are an enum of Ideogram's output sizes; an input of one of those sizes comes back as it.
        byte[] photo = TestImages.png(TestImages.photo(1024, 1024));
        byte[] mask = TestImages.png(TestImages.mask(1024, 1024, 500, 500, 12, 12));
        for (String path : List.of("/v1/ideogram-v3/edit", "/v1/ideogram-v3/inpaint",
                "/ideogram/v1/ideogram-v3/edit", "/ideogram/v1/ideogram-v3/inpaint")) {
            HttpResponse<byte[]> response = server.post(path, new Multipart().file("image", photo).file("mask", mask)
                    .text("prompt", "a cat").text("rendering_speed", "TURBO"), "Api-Key", server.key);
            assertThat(response.statusCode()).as(path + ": " + new String(response.body())).isEqualTo(200);
            assertConforms("ImageGenerationResponseV3", response);
            assertThat(TestServer.json(response).get("data").get(0).get("style_type").asText()).isEqualTo("GENERAL");
        }
    }

    @Test
    void everyErrorBodyHasIdeogramsErrorShape() {
        List<HttpResponse<byte[]>> errors = new ArrayList<>();
        errors.add(server.edit(new Multipart().file("image_file", PNG).file("mask", MASK).text("seed", "x")));
        errors.add(server.post("/edit", new Multipart().file("image_file", PNG)));
        errors.add(server.post("/edit", new Multipart().file("image_file", PNG), "Api-Key", "wrong"));
        errors.add(server.edit(new Multipart().file("image_file", new byte[3 * 1024 * 1024]).file("mask", MASK)));
        errors.add(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/edit"))
                .header("Api-Key", server.key).POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
        errors.add(server.get("/nowhere"));
        errors.add(server.get("/edit"));
        errors.add(server.get("/images/AAAAAAAAAAAAAAAAAAAAAA.png?expires=1&signature=x"));
        var limited = server.app.keys().create("one at a time", OptionalInt.of(1));
        errors.add(server.post("/edit", new Multipart().file("image_file", PNG).file("mask", MASK)
                .text("num_images", "2"), "Api-Key", limited.secret()));
        errors.add(server.post("/v1/ideogram-v3/edit", new Multipart().file("image_file", PNG).file("mask", MASK),
                "Api-Key", server.key));
        assertThat(errors).extracting(HttpResponse::statusCode)
                .containsExactly(400, 401, 401, 413, 415, 404, 405, 403, 400, 400);
        for (HttpResponse<byte[]> error : errors) {
            assertConforms("GenerateImageSafetyError", error);
        }
    }

    @Test
    void fieldOrderDoesNotMatter() {
        assertThat(prompt(server.edit(new Multipart().text("prompt", "order").text("seed", "3")
                .file("mask", MASK).file("image_file", PNG)))).startsWith("order");
    }

    @Test
    void filesSentAsOctetStreamOrWithoutContentTypeAreRecognisedByTheirBytes() {
        assertThat(prompt(server.edit(new Multipart().text("prompt", "octet")
                .file("image_file", "photo.bin", "application/octet-stream", PNG).file("mask", MASK))))
                .startsWith("octet");
        assertThat(prompt(server.edit(new Multipart().text("prompt", "untyped")
                .raw("Content-Disposition: form-data; name=\"image_file\"; filename=\"photo\"\r\n", PNG)
                .file("mask", MASK)))).startsWith("untyped");
    }

    @Test
    void fileNamesWithSpacesAndNonAsciiCharacters() {
        assertThat(prompt(server.edit(new Multipart().text("prompt", "names")
                .raw("Content-Disposition: form-data; name=\"image_file\"; filename=\"my holiday fotó 猫.png\"\r\n"
                        + "Content-Type: image/png\r\n", PNG)
                .raw("Content-Disposition: form-data; name=\"mask\"; filename*=UTF-8''m%C3%A1scara%20%E7%8C%AB.png\r\n"
                        + "Content-Type: image/png\r\n", MASK)))).startsWith("names");
    }

    /** openapi-generator's okhttp-gson client sends enum fields as JSON parts: {@code "V_2_TURBO"}, quotes and all. */
    @Test
    void jsonEncodedTextPartsAreTheirString() {
        HttpResponse<byte[]> response = server.edit(new Multipart().file("image_file", PNG).file("mask", MASK)
                .raw(json("model"), "\"V_2_TURBO\"".getBytes(StandardCharsets.UTF_8))
                .raw(json("magic_prompt_option"), "\"OFF\"".getBytes(StandardCharsets.UTF_8))
                .raw(json("style_type"), "\"REALISTIC\"".getBytes(StandardCharsets.UTF_8))
                .raw(json("prompt"), "\"a \\\"red\\\" door\"".getBytes(StandardCharsets.UTF_8))
                .raw(json("seed"), "7".getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode item = TestServer.json(response).get("data").get(0);
        assertThat(item.get("style_type").asText()).isEqualTo("REALISTIC");
        assertThat(item.get("prompt").asText()).as("unwrapped, Magic Prompt off").isEqualTo("a \"red\" door");
        assertThat(item.get("seed").asInt()).as("a JSON number is its text").isEqualTo(7);
    }

    private static String json(String name) {
        return "Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: application/json\r\n";
    }

    @Test
    void textFieldsSentAsFileParts() {
        assertThat(prompt(server.edit(new Multipart().file("image_file", PNG).file("mask", MASK)
                .file("prompt", "prompt.txt", "text/plain; charset=utf-8", "a lighthouse, «Faro»".getBytes(
                        StandardCharsets.UTF_8))
                .file("seed", "seed.txt", "text/plain", "77".getBytes(StandardCharsets.UTF_8)))))
                .startsWith("a lighthouse, «Faro»");
    }

    @Test
    void duplicateFieldsKeepTheFirstValue() {
        HttpResponse<byte[]> response = server.edit(new Multipart().file("image_file", PNG).file("mask", MASK)
                .text("seed", "5").text("seed", "9").text("prompt", "first").text("prompt", "second"));
        assertThat(prompt(response)).startsWith("first").doesNotContain("second");
        assertThat(TestServer.json(response).get("data").get(0).get("seed").asInt()).isEqualTo(5);
    }

    private static byte[] body(Multipart form) {
        return form.body();
    }

    private static Multipart simpleForm(String prompt) {
        return new Multipart().file("image_file", PNG).file("mask", MASK).text("prompt", prompt);
    }

    private static String head(Multipart form) {
        return "POST /edit HTTP/1.1\r\nApi-Key: " + server.key + "\r\nContent-Type: " + form.contentType();
    }

    /** Media types are case-insensitive (RFC 9110); the boundary after them is not, and is kept as sent. */
    @Test
    void aMediaTypeInAnyCaseIsMultipart() throws Exception {
        Multipart form = simpleForm("cased");
        RawHttp.Response response = RawHttp.send(server.server.port(),
                head(form).replace("multipart/form-data", "Multipart/Form-Data"), body(form), 1 << 16, false);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void preambleEpilogueAndPaddingAfterTheBoundaryAreAccepted() throws Exception {
        Multipart form = simpleForm("padded");
        String text = new String(body(form), StandardCharsets.ISO_8859_1);
        String padded = "This is the preamble; it is ignored.\r\n"
                + text.replace("--" + form.boundary() + "\r\n", "--" + form.boundary() + "  \t\r\n")
                + "\r\nand an epilogue, also ignored\r\n";
        RawHttp.Response response = RawHttp.send(server.server.port(), head(form),
                padded.getBytes(StandardCharsets.ISO_8859_1), 1 << 16, false);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).get("data").get(0).get("prompt").asText())
                .startsWith("padded");
    }

    /**
     * What Jetty answers before the routes (headers it cannot take) has the same shape as every other error, and its
     * line in the access log.
     */
    @Test
    void jettysOwnAnswersAreJsonWithARequestId() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("brushwork.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        RawHttp.Response tooLarge;
        try {
            tooLarge = RawHttp.send(server.server.port(),
                    "GET /healthz HTTP/1.1\r\nX-Padding: " + "x".repeat(20_000), new byte[0], 1, false);
        } finally {
            access.detachAppender(lines);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(line -> assertThat(line)
                .startsWith("request_id=" + tooLarge.headers().get("x-request-id") + " ")
                .contains("status=431 reason=bad_message"));
        assertThat(tooLarge.status()).isEqualTo(431);
        assertThat(tooLarge.headers().get("content-type")).startsWith("application/json");
        assertThat(tooLarge.headers().get("x-request-id")).isNotBlank();
        assertThat(new ObjectMapper().readTree(tooLarge.body()).get("error").asText())
                .isEqualTo("the request's headers are too large; send fewer or shorter headers");

        RawHttp.Response garbled = RawHttp.send(server.server.port(), "GET /healthz HTTP/1.1\r\nBad Header",
                new byte[0], 1, false);
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.headers().get("content-type")).startsWith("application/json");
        assertThat(new ObjectMapper().readTree(garbled.body()).get("error").asText())
                .startsWith("the request could not be read as HTTP");
    }

    @Test
    void bareLineFeedsAreA400() throws Exception {
        Multipart form = simpleForm("lf");
        String lf = new String(body(form), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        RawHttp.Response response = RawHttp.send(server.server.port(), head(form),
                lf.getBytes(StandardCharsets.ISO_8859_1), 1 << 16, false);
        assertThat(response.status()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(response.body()).get("error").asText()).contains("multipart");
    }

    @Test
    void bodyArrivingInManySmallWrites() throws Exception {
        Multipart form = simpleForm("trickle");
        RawHttp.Response response = RawHttp.send(server.server.port(), head(form), body(form), 7, false);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).get("data").get(0).get("prompt").asText())
                .startsWith("trickle");
    }

    @Test
    void chunkedRequestBody() throws Exception {
        Multipart form = simpleForm("chunked");
        RawHttp.Response response = RawHttp.send(server.server.port(), head(form), body(form), 1000, true);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).get("data").get(0).get("prompt").asText())
                .startsWith("chunked");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = new byte[6 * 1024 * 1024]; // past 2 x 2 MB + 1 MB, with no Content-Length to go by
        new Random(3).nextBytes(big);
        Multipart form = new Multipart().file("image_file", big).file("mask", MASK);
        RawHttp.Response response = RawHttp.send(server.server.port(), head(form), body(form), 65536, true);
        assertThat(response.status()).isEqualTo(413);
    }
}
