package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.store.RandomIds;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Signed, expiring image links: served with the right headers, refused when altered, gone when expired. */
class ImageLinksTest {
    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.builder(data).set("image-ttl", "2h").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String error(HttpResponse<byte[]> response) {
        JsonNode body = TestServer.json(response);
        return body.get("error").asText();
    }

    @Test
    void servesThePngWithTypeLengthEtagAndCacheHeaders() {
        String url = server.editedImageUrl();
        assertThat(url).startsWith(server.base() + "/images/").contains(".png?expires=").contains("&signature=");
        String id = url.substring(url.indexOf("/images/") + 8, url.indexOf(".png"));
        assertThat(id).hasSize(22); // 128 random bits, URL-safe Base64

        HttpResponse<byte[]> image = server.get(url);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValueAsLong("Content-Length")).hasValue(image.body().length);
        String etag = image.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{64}\"");
        assertThat(image.headers().firstValue("Cache-Control")).hasValue("private, max-age=7200, immutable");

        HttpResponse<byte[]> again = server.get(url, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(server.get(url, "If-None-Match", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
        assertThat(server.get(url, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void servesSingleByteRangesOfTheFile() {
        RangeChecks.servesRanges(server, server.editedImageUrl());
    }

    @Test
    void alteredOrUnsignedLinksAre403() {
        String url = server.editedImageUrl();
        String signature = url.substring(url.indexOf("signature=") + 10);
        String flipped = (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        HttpResponse<byte[]> tampered = server.get(url.replace(signature, flipped));
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(error(tampered)).contains("altered");

        String expires = url.substring(url.indexOf("expires=") + 8, url.indexOf('&'));
        String later = String.valueOf(Long.parseLong(expires) + 86_400);
        assertThat(server.get(url.replace("expires=" + expires, "expires=" + later)).statusCode()).isEqualTo(403);

        assertThat(server.get(url.substring(0, url.indexOf('?'))).statusCode()).isEqualTo(403);
        assertThat(server.get(url.replace("expires=" + expires, "expires=soon")).statusCode()).isEqualTo(403);
    }

    @Test
    void expiredLinksAre410AndTheSweepDeletesTheFile() {
        String url = server.editedImageUrl();
        String id = url.substring(url.indexOf("/images/") + 8, url.indexOf(".png"));
        Path file = server.imageFile(id);
        assertThat(file).exists();

        server.clock.advance(Duration.ofHours(1));
        assertThat(server.get(url).statusCode()).isEqualTo(200);
        assertThat(server.app.images().sweep()).isZero();

        server.clock.advance(Duration.ofHours(1));
        HttpResponse<byte[]> expired = server.get(url);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(error(expired)).contains("expired").contains("kept for 2 hours");

        assertThat(server.app.images().sweep()).isEqualTo(1);
        assertThat(file).doesNotExist();
        assertThat(server.app.images().find(id)).isEmpty();
        assertThat(server.get(url).statusCode()).as("still expired after the sweep").isEqualTo(410);
    }

    @Test
    void theBackgroundSweepDeletesExpiredImagesByItself() throws Exception {
        server.close();
        server = TestServer.builder(data).set("image-ttl", "1h").set("sweep-interval", "50ms").start();
        String url = server.editedImageUrl();
        Path file = server.imageFile(url.substring(url.indexOf("/images/") + 8, url.indexOf(".png")));
        Thread.sleep(200);
        assertThat(file).as("not expired yet").exists();

        server.clock.advance(Duration.ofHours(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aValidLinkToAnUnknownImageIs404() {
        String path = server.app.signer().path(RandomIds.next(16), server.clock.instant().plusSeconds(60));
        HttpResponse<byte[]> response = server.get(path);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).contains("no such image");
        assertThat(server.get("/images/not-an-id.png").statusCode()).isEqualTo(404);
    }

    @Test
    void linksSurviveARestartOfTheServer() throws Exception {
        String url = server.editedImageUrl();
        String path = url.substring(server.base().length());
        server.close();
        server = TestServer.builder(data).set("image-ttl", "2h").start();
        assertThat(server.get(path).statusCode()).isEqualTo(200);
        try (var files = Files.list(server.imageDirectory())) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void publicUrlIsUsedForLinks() {
        server.close();
        server = TestServer.builder(data).set("public-url", "https://img.example.test/").start();
        assertThat(server.editedImageUrl()).startsWith("https://img.example.test/images/");
    }

    /** HEAD answers as GET would, without the body: a forged link or a missing key must not look fine. */
    @Test
    void headAnswersWithGetsStatusAndHeaders() {
        String url = server.editedImageUrl();
        HttpResponse<byte[]> get = server.get(url);
        HttpResponse<byte[]> head = head(url);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : new String[] {"Content-Type", "Content-Length", "ETag", "Cache-Control",
                "Accept-Ranges"}) {
            assertThat(head.headers().firstValue(header)).as(header).isEqualTo(get.headers().firstValue(header));
        }

        assertThat(head(tampered(url)).statusCode()).isEqualTo(403);
        assertThat(head(url.replaceFirst("\\?.*", "")).statusCode()).isEqualTo(403);
        assertThat(head("/v1/models").statusCode()).as("no key").isEqualTo(401);
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/models"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Api-Key", server.key).build())
                .statusCode()).isEqualTo(200);
        assertThat(head("/healthz").statusCode()).isEqualTo(200);
    }

    /** A row whose bytes are gone (a crash between the two) is a 404 to HEAD and If-None-Match as it is to GET. */
    @Test
    void anImageWhoseFileIsGoneIs404ToEveryMethod() throws Exception {
        String url = server.editedImageUrl();
        String etag = server.get(url).headers().firstValue("ETag").orElseThrow();
        String id = url.substring(url.indexOf("/images/") + 8, url.indexOf(".png"));
        Files.delete(data.resolve("images").resolve(id + ".png"));
        assertThat(server.get(url).statusCode()).isEqualTo(404);
        assertThat(head(url).statusCode()).isEqualTo(404);
        assertThat(server.get(url, "If-None-Match", etag).statusCode()).isEqualTo(404);
        assertThat(server.get(url, "Range", "bytes=999999-").statusCode()).as("not 416").isEqualTo(404);
    }

    /** The link with its signature's first character changed (to one it is not: a fixed "0" may be the same). */
    private static String tampered(String url) {
        int at = url.indexOf("signature=") + "signature=".length();
        return url.substring(0, at) + (url.charAt(at) == 'A' ? 'B' : 'A') + url.substring(at + 1);
    }

    private HttpResponse<byte[]> head(String url) {
        return server.send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : server.base() + url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * The access log names requests and why one failed, never their credentials: no key, no link signature, no
     * query string.
     */
    @Test
    void theAccessLogHoldsNoKeyAndNoSignature() {
        Logger access = (Logger) LoggerFactory.getLogger("brushwork.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try {
            String url = server.editedImageUrl();
            assertThat(server.get(url).statusCode()).isEqualTo(200);
            assertThat(server.get("/v1/models", "Authorization", "Bearer " + server.key).statusCode())
                    .isEqualTo(200);
            String signature = url.substring(url.indexOf("signature=") + "signature=".length());
            assertThat(server.get(tampered(url)).statusCode()).isEqualTo(403);
            assertThat(lines.list).as("a failure says why in a word").extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("status=403 reason=bad_signature"))
                    .anySatisfy(line -> assertThat(line).contains("status=200 reason=-"));
            assertThat(lines.list).hasSizeGreaterThanOrEqualTo(4)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .allSatisfy(line -> assertThat(line).doesNotContain(server.key).doesNotContain(signature)
                            .doesNotContain("?").doesNotContain("expires="));
        } finally {
            access.detachAppender(lines);
        }
    }
}
