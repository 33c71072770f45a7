package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.config.ConfigException;
import io.brushwork.testing.S3Server;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images kept in an S3 bucket (a real S3 server in this process): stored, served, presigned, swept, checked. */
class S3ImageStoreTest {
    @TempDir
    Path data;
    S3Server s3;
    TestServer server;

    @BeforeEach
    void startS3() {
        s3 = S3Server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        s3.close();
    }

    private TestServer start(String... settings) {
        TestServer.Builder builder = s3.configure(TestServer.builder(data), "brushwork/results")
                .set("image-ttl", "2h");
        for (int i = 0; i < settings.length; i += 2) {
            builder.set(settings[i], settings[i + 1]);
        }
        server = builder.start();
        return server;
    }

    private static String idOf(String url) {
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1, path.length() - ".png".length());
    }

    @Test
    void anEditIsStoredUnderThePrefixAndItsSignedLinkServesTheSameBytes() {
        start();
        String url = server.editedImageUrl();
        assertThat(url).startsWith(server.base() + "/images/");
        String key = "brushwork/results/" + idOf(url) + ".png";
        assertThat(s3.keys()).containsExactly(key);
        assertThat(server.imageDirectory()).as("no file kept beside the bucket").doesNotExist();

        HttpResponse<byte[]> image = server.get(url);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(s3.object(key));
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        String etag = image.headers().firstValue("ETag").orElseThrow();
        assertThat(server.get(url, "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> head = server.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).isEqualTo(image.headers().firstValue(
                "Content-Length"));
    }

    /** An object gone from the bucket (a lifecycle rule ran first) is a 404 to HEAD and If-None-Match as to GET. */
    @Test
    void anImageWhoseObjectIsGoneIs404ToEveryMethod() {
        start();
        String url = server.editedImageUrl();
        String etag = server.get(url).headers().firstValue("ETag").orElseThrow();
        s3.delete("brushwork/results/" + idOf(url) + ".png");
        assertThat(server.get(url).statusCode()).isEqualTo(404);
        assertThat(server.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
        assertThat(server.get(url, "If-None-Match", etag).statusCode()).isEqualTo(404);
    }

    /** Read-only keys pass a HEAD of the bucket; readiness writes, so such a server is not in rotation. */
    @Test
    void aBucketThatRefusesWritesMakesTheServerNotReady() {
        s3.close();
        s3 = S3Server.startRefusingWrites();
        start();
        HttpResponse<byte[]> ready = server.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(TestServer.json(ready).get("checks").get("image_store").asText())
                .startsWith("bucket refuses writes: access denied (HTTP 403)")
                .doesNotContain(S3Server.SECRET_KEY);
    }

    @Test
    void servesSingleByteRangesOfTheObject() {
        start();
        RangeChecks.servesRanges(server, server.editedImageUrl());
    }

    @Test
    void theSweepDeletesExpiredObjectsAndDeletingTwiceIsHarmless() {
        start();
        String url = server.editedImageUrl();
        assertThat(s3.keys()).hasSize(1);
        assertThat(server.app.images().sweep()).isZero();

        server.clock.advance(Duration.ofHours(2));
        assertThat(server.app.images().sweep()).isEqualTo(1);
        assertThat(s3.keys()).isEmpty();
        assertThat(server.app.images().find(idOf(url))).isEmpty();
        // What another server sweeping the same bucket would do next: nothing left, nothing fails.
        server.app.images().delete(idOf(url));
        assertThat(server.app.images().sweep()).isZero();
        assertThat(server.get(url).statusCode()).isEqualTo(410);
    }

    @Test
    void presignedLinksDownloadFromTheBucketItselfAndExpireWithTheImage() {
        start("image-links", "presigned");
        String url = server.editedImageUrl();
        assertThat(url).startsWith(s3.endpoint() + "/" + S3Server.BUCKET + "/brushwork/results/")
                .contains("X-Amz-Expires=7200");
        String key = "brushwork/results/" + idOf(url) + ".png";

        HttpResponse<byte[]> direct = server.get(url);
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).isEqualTo(s3.object(key));
        assertThat(server.get(server.base() + "/").headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the playground may show and fetch results from the bucket")
                .contains("img-src 'self' blob: data: " + s3.endpoint() + ";")
                .contains("connect-src 'self' " + s3.endpoint() + ";");
    }

    @Test
    void aPresignedLinkStopsWorkingWhenItsImageExpires() throws Exception {
        start("image-links", "presigned", "image-ttl", "1s");
        String url = server.editedImageUrl();
        assertThat(url).contains("X-Amz-Expires=1&");
        Thread.sleep(2_500);
        assertThat(server.get(url).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownBucketOrRefusedKeyStopsTheServerAtStartInOneLine() {
        assertThatThrownBy(() -> start("image-store", "s3://no-such-bucket/images"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("image-store s3://no-such-bucket/images/ at " + s3.endpoint() + " cannot be used: the"
                        + " bucket does not exist; create it, or fix the bucket's name");
        assertThatThrownBy(() -> start("s3-secret-key", "wrong"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot be used: access denied (HTTP 403); check s3-access-key and"
                        + " s3-secret-key");
    }

    @Test
    void theServerIsReadyWhileTheBucketAnswers() throws Exception {
        start();
        long checked = System.nanoTime();
        HttpResponse<byte[]> ready = server.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(ready).get("checks").get("image_store").asText()).isEqualTo("ok");

        s3.close();
        HttpResponse<byte[]> cached = server.get("/readyz");
        if (System.nanoTime() - checked < Duration.ofSeconds(4).toNanos()) { // a slow machine may be past the 5 s
            assertThat(cached.statusCode()).as("the bucket's last answer, reused for a few seconds").isEqualTo(200);
        }
        JsonNode checks = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> answer = server.get("/readyz");
            checks = TestServer.json(answer).get("checks");
            if (answer.statusCode() == 503) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(checks.get("image_store").asText()).startsWith("bucket not answering: ");
        s3 = S3Server.start(); // for stop()
    }
}
