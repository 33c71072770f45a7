package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.testing.ChildServer;
import io.brushwork.testing.GatedEngine;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.S3Server;
import io.brushwork.testing.TableRows;
import io.brushwork.testing.TestPostgres;
import io.brushwork.testing.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas as issue 10 runs them: one PostgreSQL, one S3 bucket, a data directory each. A key, an image and a
 * key's in-flight limit belong to the pair, not to the replica that saw them; a replica killed outright gives its
 * places back when its leases expire, and its images stay served by the other.
 */
class TwoReplicasTest {
    private static S3Server s3;

    @TempDir
    Path dir;

    private String url;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void newDatabase() {
        url = TestPostgres.newDatabaseUrl();
    }

    /** A replica on the shared database and bucket, in this JVM. */
    private TestServer replica(String name, BackendRegistry backends) {
        TestServer.Builder builder = TestServer.builder(dir.resolve(name)).set("database-url", url);
        if (backends != null) {
            builder.backends(backends);
        }
        return s3.configure(builder, "shared").start();
    }

    /** The link's path and query, to ask another replica for the same image. */
    private static String pathOf(String link) {
        return link.substring(link.indexOf("/images/"));
    }

    @Test
    void aKeyCreatedOnceWorksOnBothAndAnImageMadeByAIsDownloadedThroughB() {
        try (TestServer a = replica("a", null); TestServer b = replica("b", null)) {
            String secret = a.app.keys().create("once").secret();
            assertThat(b.smallEdit(secret).statusCode()).as("B knows the key A created").isEqualTo(200);

            HttpResponse<byte[]> made = a.smallEdit(secret);
            assertThat(made.statusCode()).isEqualTo(200);
            String link = TestServer.json(made).get("data").get(0).get("url").asText();
            HttpResponse<byte[]> fromA = a.get(pathOf(link));
            HttpResponse<byte[]> fromB = b.get(pathOf(link));
            assertThat(fromA.statusCode()).isEqualTo(200);
            assertThat(fromB.statusCode()).as("B reads A's image from the bucket").isEqualTo(200);
            assertThat(fromB.body()).isEqualTo(fromA.body());
        }
    }

    @Test
    void aKeyLimitedToOneImageGetsOne200AndOne429FromTheTwoReplicas() throws Exception {
        GatedEngine gated = new GatedEngine(new PatchMatchEngine());
        try (TestServer a = replica("a", new BackendRegistry().register(new TeleaEngine()).register(gated));
             TestServer b = replica("b", null)) {
            String secret = a.app.keys().create("one-at-a-time", OptionalInt.of(1)).secret();
            CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() -> a.smallEdit(secret));
            assertThat(gated.entered.await(30, TimeUnit.SECONDS)).as("A's edit reached its engine").isTrue();

            HttpResponse<byte[]> second = b.smallEdit(secret);
            gated.gate.countDown();
            assertThat(second.statusCode()).as("B counts A's edit in flight").isEqualTo(429);
            assertThat(TestServer.json(second).get("reject_reason").asText()).isEqualTo("inflight_limit");
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(gated.calls.get()).isOne();
        }
    }

    /**
     * Replica A runs in a JVM of its own and is killed with SIGKILL while a request holds the key's one place (an
     * upload still being sent holds it from its headers on). B refuses the key while A's lease is unexpired and
     * serves it once the lease is past its 60 s (B's clock is moved, not waited for); B still serves A's images.
     */
    @Test
    void aReplicaKilledMidRequestHoldsNoPlacePastItsLeaseAndItsImagesStayServed() throws Exception {
        try (TestServer b = replica("b", null)) {
            String secret = b.app.keys().create("one-at-a-time", OptionalInt.of(1)).secret();
            Map<String, String> settings = new HashMap<>(s3.settings("shared"));
            settings.put("database-url", url);
            settings.put("min-free-disk", "1MB"); // as TestServer: the tests are about neither disk nor speed
            settings.put("min-upload-rate", "1B");
            try (ChildServer a = ChildServer.start(dir.resolve("a"), settings)) {
                HttpResponse<byte[]> made = b.post(a.base() + "/edit", TestServer.smallForm(), "Api-Key", secret);
                assertThat(made.statusCode()).as(a.log()).isEqualTo(200);
                String link = TestServer.json(made).get("data").get(0).get("url").asText();
                byte[] fromA = b.get(a.base() + pathOf(link)).body();

                waitForLeases(b, 0); // the edit's own lease given back, so the one counted next is the upload's
                try (Socket upload = startUpload(a.port, secret)) {
                    waitForLeases(b, 1);
                    a.kill();
                }
                // A took its lease by the real clock; B's stands still from here, so the expiry is not a race.
                b.clock.advance(Duration.between(b.clock.instant(), Instant.now()));
                HttpResponse<byte[]> refused = b.smallEdit(secret);
                assertThat(refused.statusCode()).as("the dead replica's lease still counts").isEqualTo(429);

                HttpResponse<byte[]> image = b.get(pathOf(link));
                assertThat(image.statusCode()).as("B serves the dead replica's image").isEqualTo(200);
                assertThat(image.body()).isEqualTo(fromA);

                b.clock.advance(Duration.ofSeconds(61));
                assertThat(b.smallEdit(secret).statusCode()).as("the lease expired: B serves the key").isEqualTo(200);
            }
        }
    }

    /** Sends an edit's headers and a first part of its body, and no more: the request holds one place. */
    private static Socket startUpload(int port, String secret) throws Exception {
        Multipart form = SlowUploadTest.noiseForm();
        byte[] body = form.body();
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(SlowUploadTest.head(secret, form, body));
        out.write(body, 0, 1024);
        out.flush();
        return socket;
    }

    /** Until the shared database holds {@code n} leases: counted, not timed. */
    private static void waitForLeases(TestServer any, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (TableRows.count(any.app.database(), "inflight_leases", "TRUE") != n) {
            assertThat(System.nanoTime()).as("leases held: " + n).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
