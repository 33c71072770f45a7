package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.store.UsageRecord;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edit routes end to end: real server on loopback, real multipart bodies, real SQLite and files. */
class EditApiTest {
    private static final int W = 96;
    private static final int H = 64;
    private static final ArgbImage PHOTO = TestImages.photo(W, H);
    private static final ArgbImage MASK = TestImages.mask(W, H, 40, 20, 6, 24);

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

    /** The request from the README: curl's fields, including the empty seed and style_type. */
    private static Multipart curlRequest() {
        return new Multipart()
                .file("image_file", "photo.png", "image/png", TestImages.png(PHOTO))
                .file("mask", "mask.png", "image/png", TestImages.png(MASK))
                .text("prompt", "cat")
                .text("model", "V_2_TURBO")
                .text("magic_prompt_option", "AUTO")
                .text("seed", "")
                .text("style_type", "");
    }

    private static Multipart withField(String name, String value) {
        return new Multipart()
                .file("image_file", TestImages.png(PHOTO))
                .file("mask", TestImages.png(MASK))
                .text("prompt", "cat")
                .text(name, value);
    }

    private static ArgbImage decode(byte[] bytes) throws Exception {
        return new ImageDecoder(100_000_000).decode(bytes);
    }

    private static String error(HttpResponse<byte[]> response) {
        JsonNode body = TestServer.json(response);
        assertThat(body.size()).as("error bodies have exactly one field").isEqualTo(1);
        return body.get("error").asText();
    }

    @Test
    void curlRequestWithBearerReturnsIdeogramShapedJson() throws Exception {
        HttpResponse<byte[]> response = server.edit(curlRequest());

        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode body = TestServer.json(response);
        assertThat(OffsetDateTime.parse(body.get("created").asText())).isNotNull();
        assertThat(body.get("created").asText()).endsWith("+00:00");
        assertThat(body.get("data")).hasSize(1);
        JsonNode item = body.get("data").get(0);
        assertThat(item.get("prompt").asText()).as("AUTO rewrites a one-word prompt").startsWith("cat")
                .hasSizeGreaterThan("cat".length());
        assertThat(item.get("resolution").asText()).isEqualTo("96x64");
        assertThat(item.get("is_image_safe").asBoolean()).isTrue();
        assertThat(item.get("seed").asLong()).isBetween(0L, 2147483647L);
        assertThat(item.get("style_type").asText()).isEqualTo("AUTO");

        HttpResponse<byte[]> image = server.get(item.get("url").asText());
        assertThat(image.statusCode()).isEqualTo(200);
        ArgbImage result = decode(image.body());
        assertThat(result.width()).isEqualTo(W);
        assertThat(result.height()).isEqualTo(H);
    }

    @Test
    void apiKeyHeaderOnIdeogramPathWorks() {
        HttpResponse<byte[]> response = server.post("/edit", curlRequest(), "Api-Key", server.key);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(TestServer.json(response).get("data")).hasSize(1);
    }

    @Test
    void eitherHeaderWorksOnEitherPath() {
        assertThat(server.post("/edit", curlRequest(), "Authorization", "Bearer " + server.key).statusCode())
                .isEqualTo(200);
        assertThat(server.post("/ideogram/edit", curlRequest(), "Api-Key", server.key).statusCode()).isEqualTo(200);
    }

    @Test
    void textPartsMayBeLargeAndFilesMayComeAsTextParts() {
        String longPrompt = "a quiet garden with stone paths ".repeat(312) + "a low stone wall"; // 10,000: the limit
        Multipart form = new Multipart()
                .text("prompt", longPrompt)
                .text("notes", "ignored, ".repeat(36_000)) // 324 KB, past Jetty's default cap for a form
                .textPart("image_file", TestImages.png(PHOTO)) // no filename: a text part carrying the bytes
                .file("mask", TestImages.png(MASK))
                .text("magic_prompt_option", "OFF");
        HttpResponse<byte[]> response = server.edit(form);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(TestServer.json(response).get("data").get(0).get("prompt").asText()).isEqualTo(longPrompt);

        HttpResponse<byte[]> tooLong = server.edit(new Multipart().text("prompt", longPrompt + "!")
                .file("image_file", TestImages.png(PHOTO)).file("mask", TestImages.png(MASK)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(error(tooLong)).isEqualTo("prompt is 10001 characters; the limit is 10000, so shorten it");
    }

    @Test
    void tooManyFieldsIs400AndLongValuesAreNotEchoedWhole() {
        Multipart many = curlRequest();
        for (int i = 0; i < 150; i++) {
            many.text("extra_" + i, "x");
        }
        HttpResponse<byte[]> response = server.edit(many);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).contains("too many fields");

        HttpResponse<byte[]> longModel = server.edit(withField("model", "M".repeat(5000)));
        assertThat(longModel.statusCode()).isEqualTo(400);
        assertThat(error(longModel)).hasSizeLessThan(300).contains("(5000 chars)");
    }

    @Test
    void missingInvalidAndRevokedKeysGet401() {
        HttpResponse<byte[]> missing = server.post("/edit", curlRequest());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(error(missing)).contains("Api-Key").contains("Bearer");

        HttpResponse<byte[]> invalid = server.post("/ideogram/edit", curlRequest(), "Authorization", "Bearer bw_nope");
        assertThat(invalid.statusCode()).isEqualTo(401);
        assertThat(error(invalid)).contains("invalid API key");

        HttpResponse<byte[]> basic = server.post("/ideogram/edit", curlRequest(), "Authorization", "Basic Zm9vOmJhcg==");
        assertThat(basic.statusCode()).isEqualTo(401);

        var revoked = server.app.keys().create("to revoke");
        assertThat(server.post("/edit", curlRequest(), "Api-Key", revoked.secret()).statusCode()).isEqualTo(200);
        server.app.keys().revoke(revoked.key().id());
        HttpResponse<byte[]> after = server.post("/edit", curlRequest(), "Api-Key", revoked.secret());
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(error(after)).contains("revoked");
    }

    @Test
    void eachInvalidFieldIsA400NamingTheFieldAndTheAllowedValues() {
        record Case(String field, String value, String... expected) {
        }
        List<Case> cases = List.of(
                new Case("model", "V_9", "model", "V_2", "V_2_TURBO", "V_9"),
                new Case("style_type", "WATERCOLOUR", "style_type", "REALISTIC", "ANIME", "FICTION"),
                new Case("magic_prompt_option", "MAYBE", "magic_prompt_option", "AUTO", "ON", "OFF"),
                new Case("seed", "-1", "seed", "0", "2147483647"),
                new Case("seed", "2147483648", "seed", "2147483647"),
                new Case("seed", "lucky", "seed", "whole number"),
                new Case("num_images", "0", "num_images", "1", "8"),
                new Case("num_images", "9", "num_images", "1", "8"));
        for (Case c : cases) {
            HttpResponse<byte[]> response = server.edit(withField(c.field(), c.value()));
            assertThat(response.statusCode()).as(c.field() + "=" + c.value()).isEqualTo(400);
            assertThat(error(response)).as(c.field() + "=" + c.value()).contains(c.expected());
        }
    }

    @Test
    void enumsAreCaseInsensitiveAndUnknownFieldsAreIgnored() {
        Multipart form = withField("style_type", "realistic")
                .text("model", "v_2")
                .text("aspect_ratio", "ASPECT_16_9")
                .text("negative_prompt", "blurry");
        HttpResponse<byte[]> response = server.edit(form);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(TestServer.json(response).get("data").get(0).get("style_type").asText()).isEqualTo("REALISTIC");
    }

    @Test
    void missingFilesAreNamed() {
        HttpResponse<byte[]> noImage = server.edit(new Multipart().file("mask", TestImages.png(MASK)));
        assertThat(noImage.statusCode()).isEqualTo(400);
        assertThat(error(noImage)).contains("image_file is required");

        HttpResponse<byte[]> noMask = server.edit(new Multipart().file("image_file", TestImages.png(PHOTO)));
        assertThat(noMask.statusCode()).isEqualTo(400);
        assertThat(error(noMask)).contains("mask is required");
    }

    @Test
    void corruptAndUnsupportedImagesAre400() {
        byte[] png = TestImages.png(PHOTO);
        byte[] truncated = java.util.Arrays.copyOf(png, 60);
        HttpResponse<byte[]> corrupt = server.edit(new Multipart()
                .file("image_file", truncated).file("mask", TestImages.png(MASK)));
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertThat(error(corrupt)).contains("image_file").contains("PNG").contains("damaged");

        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<byte[]> unsupported = server.edit(new Multipart()
                .file("image_file", gif).file("mask", TestImages.png(MASK)));
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(error(unsupported)).contains("image_file is a GIF image").contains("JPEG, PNG or WebP");

        HttpResponse<byte[]> badMask = server.edit(new Multipart()
                .file("image_file", png).file("mask", "mask.txt", "text/plain", "hello".getBytes()));
        assertThat(badMask.statusCode()).isEqualTo(400);
        assertThat(error(badMask)).startsWith("mask ");

        // Headers intact, image data damaged (the last IDAT's CRC): found while decoding, photo and mask together.
        byte[] damagedPhoto = png.clone();
        damagedPhoto[png.length - 13] ^= 1;
        byte[] damagedMask = TestImages.png(MASK);
        damagedMask[damagedMask.length - 13] ^= 1;
        HttpResponse<byte[]> maskOnly = server.edit(new Multipart()
                .file("image_file", png).file("mask", damagedMask));
        assertThat(maskOnly.statusCode()).isEqualTo(400);
        assertThat(error(maskOnly)).isEqualTo("mask could not be decoded as PNG (the file is damaged or truncated)");
        HttpResponse<byte[]> both = server.edit(new Multipart()
                .file("image_file", damagedPhoto).file("mask", damagedMask));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(error(both)).as("the photo's error, as when they were decoded in turn")
                .isEqualTo("image_file could not be decoded as PNG (the file is damaged or truncated)");
        // A JPEG mask is decoded after the photo, not beside it (its decoder copies the pixels): the same answers.
        HttpResponse<byte[]> jpegMask = server.edit(new Multipart()
                .file("image_file", damagedPhoto).file("mask", TestImages.jpeg(MASK)));
        assertThat(error(jpegMask)).startsWith("image_file could not be decoded as PNG");
        HttpResponse<byte[]> fine = server.edit(new Multipart()
                .file("image_file", png).file("mask", TestImages.jpeg(MASK)));
        assertThat(fine.statusCode()).as(new String(fine.body())).isEqualTo(200);
    }

    @Test
    void decompressionBombIsRefusedFromItsHeader() {
        byte[] bomb = TestImages.pngDeclaring(100_000, 100_000);
        assertThat(bomb.length).isLessThan(100);
        HttpResponse<byte[]> response = server.edit(new Multipart()
                .file("image_file", bomb).file("mask", TestImages.png(MASK)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).contains("image_file is 100000x100000").contains("limit is 40 megapixels");
        assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void maskOfAnotherSizeSaysBothSizes() {
        HttpResponse<byte[]> response = server.edit(new Multipart()
                .file("image_file", TestImages.png(PHOTO))
                .file("mask", TestImages.png(TestImages.mask(W / 2, H, 1, 1, 2, 2))));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).contains("48x64").contains("96x64");
    }

    @Test
    void bodyThatIsNotMultipartIs415() {
        HttpResponse<byte[]> response = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/edit"))
                .header("Api-Key", server.key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"cat\"}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(error(response)).contains("multipart/form-data");

        HttpResponse<byte[]> noType = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/edit"))
                .header("Api-Key", server.key)
                .POST(HttpRequest.BodyPublishers.ofString("prompt=cat"))
                .build());
        assertThat(noType.statusCode()).isEqualTo(415);
        assertThat(error(noType)).contains("no Content-Type");
        // The key was checked before the body was refused: the row is the key's, not a keyless refusal.
        assertThat(server.app.usage().forRequest(noType.headers().firstValue("X-Request-Id").orElseThrow()))
                .singleElement().satisfies(row -> {
                    assertThat(row.status()).isEqualTo(415);
                    assertThat(row.keyId()).isNotNull();
                });
    }

    @Test
    void malformedMultipartIs400() {
        HttpResponse<byte[]> response = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/edit"))
                .header("Api-Key", server.key)
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("this is not multipart at all"))
                .build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).contains("multipart");
    }

    @Test
    void pixelsOutsideTheMaskAreIdenticalToTheDecodedInput() throws Exception {
        byte[] jpeg = TestImages.jpeg(PHOTO);
        ArgbImage decodedInput = decode(jpeg);
        HttpResponse<byte[]> response = server.edit(new Multipart()
                .file("image_file", "photo.jpg", "image/jpeg", jpeg)
                .file("mask", TestImages.png(MASK)));
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        ArgbImage result = decode(server.get(TestServer.json(response).get("data").get(0).get("url").asText()).body());

        boolean[] hole = io.brushwork.image.Mask.fromImage(MASK).cells();
        int changedInHole = 0;
        for (int i = 0; i < hole.length; i++) {
            if (hole[i]) {
                changedInHole += result.pixels()[i] != decodedInput.pixels()[i] ? 1 : 0;
            } else {
                assertThat(result.pixels()[i]).as("pixel %d outside the mask", i).isEqualTo(decodedInput.pixels()[i]);
            }
        }
        assertThat(changedInHole).as("the hole was repainted").isPositive();
    }

    @Test
    void sameSeedGivesByteIdenticalImages() {
        byte[][] downloads = new byte[2][];
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> response = server.edit(withField("seed", "12345"));
            JsonNode item = TestServer.json(response).get("data").get(0);
            assertThat(item.get("seed").asInt()).isEqualTo(12345);
            downloads[i] = server.get(item.get("url").asText()).body();
        }
        assertThat(downloads[0]).isEqualTo(downloads[1]);
    }

    @Test
    void numImagesGivesConsecutiveSeedsAndSeparateFiles() {
        HttpResponse<byte[]> response = server.edit(withField("num_images", "3").text("seed", "2147483646"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = TestServer.json(response).get("data");
        assertThat(items).hasSize(3);
        assertThat(List.of(items.get(0).get("seed").asInt(), items.get(1).get("seed").asInt(),
                items.get(2).get("seed").asInt())).containsExactly(2147483646, 2147483647, 0);
        Set<String> urls = new HashSet<>();
        for (JsonNode item : items) {
            urls.add(item.get("url").asText());
            assertThat(server.get(item.get("url").asText()).statusCode()).isEqualTo(200);
        }
        assertThat(urls).hasSize(3);
    }

    @Test
    void whiteMaskReturnsTheInputAndBlackMaskIsRefused() throws Exception {
        HttpResponse<byte[]> white = server.edit(new Multipart()
                .file("image_file", TestImages.png(PHOTO)).file("mask", TestImages.png(TestImages.mask(W, H))));
        assertThat(white.statusCode()).isEqualTo(200);
        ArgbImage result = decode(server.get(TestServer.json(white).get("data").get(0).get("url").asText()).body());
        assertThat(result.pixels()).isEqualTo(PHOTO.pixels());

        HttpResponse<byte[]> black = server.edit(new Multipart()
                .file("image_file", TestImages.png(PHOTO))
                .file("mask", TestImages.png(TestImages.mask(W, H, 0, 0, W, H))));
        assertThat(black.statusCode()).isEqualTo(400);
        assertThat(error(black)).contains("mask is black everywhere").contains("white");
    }

    @Test
    void everyEditRequestIsRecordedInUsageBeforeTheResponse() {
        HttpResponse<byte[]> ok = server.edit(withField("num_images", "2"));
        String okId = ok.headers().firstValue("X-Request-Id").orElseThrow();
        List<UsageRecord> rows = server.app.usage().forRequest(okId);
        assertThat(rows).hasSize(1);
        UsageRecord row = rows.get(0);
        assertThat(row.status()).isEqualTo(200);
        assertThat(row.images()).isEqualTo(2);
        assertThat(row.model()).isEqualTo("V_2");
        assertThat(row.engine()).isEqualTo("patchmatch");
        assertThat(row.route()).isEqualTo("/ideogram/edit");
        assertThat(row.keyId()).isNotNull();

        HttpResponse<byte[]> bad = server.edit(withField("seed", "nope"));
        String badId = bad.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(server.app.usage().forRequest(badId)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(400));

        HttpResponse<byte[]> unauthorised = server.post("/edit", curlRequest(), "X-Request-Id", "gateway-trace-0001");
        assertThat(unauthorised.headers().firstValue("X-Request-Id")).hasValue("gateway-trace-0001");
        // Refused before any key was known: counted, not a row (UsageRowsTest).
        assertThat(server.app.usage().forRequest("gateway-trace-0001")).isEmpty();
    }

    /** A mask drawn on a phone photo as it is seen fits it, though the JPEG stores it sideways (EXIF 6). */
    @Test
    void aPhonePhotoIsEditedTheRightWayUp() {
        byte[] sideways = TestImages.jpegWithOrientation(TestImages.photo(48, 32), 6);
        HttpResponse<byte[]> response = server.edit(new Multipart().file("image_file", "phone.jpg", "image/jpeg",
                sideways).file("mask", TestImages.png(TestImages.mask(32, 48, 10, 20, 6, 6))));
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(TestServer.json(response).get("data").get(0).get("resolution").asText()).isEqualTo("32x48");

        // A mask made from the stored pixels (PIL's Image.size ignores EXIF) is turned with the photo.
        HttpResponse<byte[]> asStored = server.edit(new Multipart().file("image_file", "phone.jpg", "image/jpeg",
                sideways).file("mask", TestImages.png(TestImages.mask(48, 32, 20, 10, 6, 6))));
        assertThat(asStored.statusCode()).as(new String(asStored.body())).isEqualTo(200);
        assertThat(TestServer.json(asStored).get("data").get(0).get("resolution").asText()).isEqualTo("32x48");

        HttpResponse<byte[]> neither = server.edit(new Multipart().file("image_file", "phone.jpg", "image/jpeg",
                sideways).file("mask", TestImages.png(TestImages.mask(40, 40, 20, 10, 6, 6))));
        assertThat(error(neither)).isEqualTo("mask is 40x40 but image_file is 32x48 as its EXIF orientation turns"
                + " it; the mask must have the image's width and height");
    }

    @Test
    void serverTimingSaysWhereTheTimeWent() {
        HttpResponse<byte[]> response = server.edit(curlRequest());
        assertThat(response.headers().firstValue("Server-Timing")).hasValueSatisfying(v ->
                assertThat(v).contains("decode;dur=").contains("engine;dur=").contains("encode;dur=")
                        .contains("store;dur="));
    }

    @Test
    void healthAndReadiness() {
        assertThat(TestServer.json(server.get("/healthz")).get("status").asText()).isEqualTo("ok");
        HttpResponse<byte[]> ready = server.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(ready).get("checks").get("database").asText()).isEqualTo("ok");
    }

    @Test
    void unknownRoutesAndMethodsGetJsonErrors() {
        HttpResponse<byte[]> notFound = server.get("/v1/nothing-here");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(error(notFound)).isNotBlank();
        HttpResponse<byte[]> wrongMethod = server.get("/edit");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(error(wrongMethod)).isNotBlank();
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<byte[]> postToHealth = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/healthz"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(postToHealth.statusCode()).isEqualTo(405);
        assertThat(postToHealth.headers().firstValue("Allow")).hasValue("GET, HEAD");
        for (HttpResponse<byte[]> answer : List.of(notFound, wrongMethod, server.get("/healthz"))) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        server.edit(curlRequest());
        try (Stream<Path> files = Files.list(server.imageDirectory())) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".png"));
        }
    }
}
