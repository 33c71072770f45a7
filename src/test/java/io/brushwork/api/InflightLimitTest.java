package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.patchmatch.PatchMatchEngine;
import io.brushwork.engine.telea.TeleaEngine;
import io.brushwork.testing.GatedEngine;
import io.brushwork.testing.IdeogramSchemas;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ideogram's per-account limit on images in flight, per key: 429 with its exact body, and no work done. */
class InflightLimitTest {
    @TempDir
    Path data;

    private static Multipart form(int images) {
        return new Multipart()
                .file("image_file", TestImages.png(TestImages.photo(48, 32)))
                .file("mask", TestImages.png(TestImages.mask(48, 32, 10, 10, 6, 6)))
                .text("num_images", String.valueOf(images));
    }

    private static HttpRequest request(TestServer server, String key, Multipart form) {
        return HttpRequest.newBuilder(URI.create(server.base() + "/edit"))
                .header("Api-Key", key)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()))
                .build();
    }

    @Test
    void imagesBeyondTheKeysLimitAre429WithIdeogramsBody() throws Exception {
        GatedEngine engine = new GatedEngine(new PatchMatchEngine());
        try (TestServer server = TestServer.builder(data).set("max-inflight", "3")
                .backends(new BackendRegistry().register(engine).register(new TeleaEngine())).start()) {
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<byte[]>> first = client.sendAsync(request(server, server.key, form(2)),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(engine.entered.await(10, TimeUnit.SECONDS)).isTrue();

            HttpResponse<byte[]> refused = server.send(request(server, server.key, form(2)));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Long.parseLong(seconds)).isPositive());
            JsonNode body = TestServer.json(refused);
            assertThat(IdeogramSchemas.problems("GenerateImageSafetyError", body)).isEmpty();
            assertThat(body.get("reject_reason").asText()).isEqualTo("inflight_limit");
            assertThat(body.get("max_inflight_requests").asInt()).isEqualTo(3);
            assertThat(body.get("error").asText()).contains("in flight");
            String refusedId = refused.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(server.app.usage().forRequest(refusedId)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(429));

            // Another key is counted on its own: its two images are accepted while the first key's are in flight.
            var other = server.app.keys().create("other");
            CompletableFuture<HttpResponse<byte[]>> second = client.sendAsync(
                    request(server, other.secret(), form(2)), HttpResponse.BodyHandlers.ofByteArray());
            engine.gate.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(server.app.inflight().inflight(server.app.keys().check(server.key).validKey().orElseThrow()
                    .id())).as("released when the answer is ready").isZero();
            assertThat(server.send(request(server, server.key, form(3))).statusCode()).isEqualTo(200);
            assertThat(server.send(request(server, other.secret(), form(3))).statusCode()).isEqualTo(200);
            assertThat(engine.calls).as("2 + 2 + 3 + 3 images; the refused request made none").hasValue(10);
        }
    }

    /** More images than the key may ever have in flight can never be admitted: 400, which clients do not retry. */
    @Test
    void aKeyCanHaveItsOwnLimitAndARequestBeyondItIsInvalid() {
        try (TestServer server = TestServer.builder(data).set("max-inflight", "10").start()) {
            var small = server.app.keys().create("small", OptionalInt.of(1));
            HttpResponse<byte[]> refused = server.send(request(server, small.secret(), form(2)));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(refused).get("error").asText()).isEqualTo("num_images is 2 but this API key"
                    + " may have at most 1 images in flight at once; send num_images of 1 or fewer");

            server.app.keys().setMaxInflight(small.key().id(), OptionalInt.of(4));
            assertThat(server.send(request(server, small.secret(), form(2))).statusCode()).isEqualTo(200);
        }
    }
}
