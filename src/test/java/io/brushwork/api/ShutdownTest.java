package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.testing.GatedEngine;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica stopping behind a load balancer: out of rotation at once, new edits refused with 503, the edits inside
 * finished; and the real command stopped by SIGTERM exits 0.
 */
class ShutdownTest {
    @TempDir
    Path data;

    private static Multipart form() {
        return new Multipart().file("image_file", TestImages.png(TestImages.photo(64, 48)))
                .file("mask", TestImages.png(TestImages.mask(64, 48, 20, 20, 8, 8)));
    }

    @Test
    void drainingLetsTheEditInsideFinishAndRefusesNewOnes() throws Exception {
        GatedEngine engine = new GatedEngine(new PatchMatchEngine());
        try (TestServer server = TestServer.builder(data)
                .backends(new BackendRegistry().register(engine).register(new TeleaEngine())).start()) {
            Multipart form = form();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/edit"))
                    .header("Api-Key", server.key).header("Content-Type", form.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build();
            CompletableFuture<HttpResponse<byte[]>> inside = HttpClient.newHttpClient().sendAsync(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(engine.entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.server.drain(Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!server.app.workers().isDraining() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            HttpResponse<byte[]> ready = server.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(ready).get("status").asText()).isEqualTo("shutting_down");
            HttpResponse<byte[]> refused = server.send(request);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(TestServer.json(refused).get("error").asText()).contains("shutting down");
            assertThat(engine.calls).as("the refused edit did no work").hasValue(1);
            assertThat(drained).as("waiting for the edit inside").isNotDone();

            engine.gate.countDown();
            assertThat(inside.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(drained.get(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aDrainThatOutlastsItsGraceSaysSo() throws Exception {
        GatedEngine engine = new GatedEngine(new PatchMatchEngine());
        try (TestServer server = TestServer.builder(data)
                .backends(new BackendRegistry().register(engine).register(new TeleaEngine())).start()) {
            CompletableFuture<HttpResponse<byte[]>> inside = CompletableFuture.supplyAsync(() -> server.edit(form()));
            assertThat(engine.entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.server.drain(Duration.ofMillis(200))).isFalse();
            engine.gate.countDown();
            assertThat(inside.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    /** The real command in its own JVM, stopped the way an orchestrator stops it. */
    @Test
    void serveStoppedBySigtermExitsZero() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process serve = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.brushwork.cli.Main", "serve", "--port", "0", "--host", "127.0.0.1", "--data",
                data.resolve("d").toString()).redirectErrorStream(true).start();
        StringBuffer seen = new StringBuffer();
        CountDownLatch serving = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    seen.append(line).append('\n');
                    if (line.contains("is serving on port")) {
                        serving.countDown();
                    }
                }
            } catch (IOException e) {
                seen.append("(output closed: ").append(e.getMessage()).append(")\n");
            }
        });
        reader.start();
        try {
            assertThat(serving.await(60, TimeUnit.SECONDS)).as(seen::toString).isTrue();
            for (int i = 0; i < 100 && !seen.toString().contains("in a browser"); i++) {
                Thread.sleep(100); // the line after it
            }
            assertThat(seen.toString()).as("where to open the playground")
                    .containsPattern("Open http://127\\.0\\.0\\.1:\\d+/ in a browser");
            // Process.destroy() would send the same SIGTERM but close the output this test reads.
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(serve.pid())).start()
                    .waitFor()).isZero();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as(seen::toString).isTrue();
            reader.join(10_000);
            assertThat(serve.exitValue()).as(seen.toString()).isZero();
            assertThat(seen.toString()).contains("Brushwork is stopping").contains("Brushwork stopped");
        } finally {
            serve.destroyForcibly();
        }
    }
}
