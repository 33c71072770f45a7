package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.testing.GatedEngine;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst beyond the worker pool and its queue: the overflow is refused at once with 503 and Retry-After, the
 * accepted requests complete, and the store holds exactly their images and nothing half-written. The engine is the
 * real default engine behind a gate, so the test decides when work finishes instead of racing the clock.
 */
class OverloadTest {
    @TempDir
    Path data;

    @Test
    void burstBeyondTheQueueGets503AndLosesNothing() throws Exception {
        GatedEngine engine = new GatedEngine(new PatchMatchEngine());
        try (TestServer server = TestServer.builder(data).set("workers", "1").set("queue", "1")
                .backends(new BackendRegistry().register(engine).register(new TeleaEngine())).start()) {
            HttpClient client = HttpClient.newHttpClient();
            Multipart form = new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(64, 48)))
                    .file("mask", TestImages.png(TestImages.mask(64, 48, 20, 20, 8, 8)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/edit"))
                    .header("Api-Key", server.key)
                    .header("Content-Type", form.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()))
                    .build();

            CompletableFuture<HttpResponse<byte[]>> first = client.sendAsync(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(engine.entered.await(10, TimeUnit.SECONDS)).as("first edit reached the engine").isTrue();
            CompletableFuture<HttpResponse<byte[]>> second = client.sendAsync(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.app.workers().waiting() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.app.workers().waiting()).as("second edit is waiting").isEqualTo(1);

            List<CompletableFuture<HttpResponse<byte[]>>> overflow = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                overflow.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (CompletableFuture<HttpResponse<byte[]>> f : overflow) {
                HttpResponse<byte[]> refused = f.get(10, TimeUnit.SECONDS);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
                assertThat(TestServer.json(refused).get("error").asText()).contains("busy");
            }
            assertThat(first).isNotDone();

            engine.gate.countDown();
            List<String> urls = new ArrayList<>();
            for (CompletableFuture<HttpResponse<byte[]>> f : List.of(first, second)) {
                HttpResponse<byte[]> done = f.get(30, TimeUnit.SECONDS);
                assertThat(done.statusCode()).isEqualTo(200);
                urls.add(TestServer.json(done).get("data").get(0).get("url").asText());
            }
            for (String url : urls) {
                assertThat(server.get(url).statusCode()).isEqualTo(200);
            }
            try (Stream<Path> files = Files.list(server.imageDirectory())) {
                List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
                assertThat(names).hasSize(2).allMatch(n -> n.endsWith(".png") && !n.startsWith("."));
            }
            assertThat(engine.calls).as("the refused four did no work").hasValue(2);
            assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
        }
    }
}
