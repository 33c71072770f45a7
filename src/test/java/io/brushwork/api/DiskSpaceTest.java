package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk below its free-space floor: edits are told to retry later instead of getting a 500, nothing half-written
 * is left, and /readyz takes the server out of rotation. The floor is set above this machine's free space, which is
 * how a full disk looks to the server without filling a real one.
 */
class DiskSpaceTest {
    @TempDir
    Path data;

    @Test
    void belowTheFloorEditsAre503AndTheServerIsNotReady() throws Exception {
        try (TestServer server = TestServer.builder(data).set("min-free-disk", "100000000GB").start()) {
            HttpResponse<byte[]> edit = server.edit(new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(40, 30)))
                    .file("mask", TestImages.png(TestImages.mask(40, 30, 10, 10, 4, 4))));
            assertThat(edit.statusCode()).isEqualTo(503);
            assertThat(edit.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(TestServer.json(edit).get("error").asText())
                    .isEqualTo("the server has no disk space left for images right now; retry later");
            try (Stream<Path> files = Files.list(server.imageDirectory())) {
                assertThat(files).as("no image, whole or half").isEmpty();
            }
            String id = edit.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(server.app.usage().forRequest(id)).singleElement()
                    .satisfies(row -> assertThat(row.status()).isEqualTo(503));

            HttpResponse<byte[]> ready = server.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(ready).get("checks").get("image_store").asText())
                    .startsWith("low on disk: ").endsWith("floor (min-free-disk)");
        }
    }

    @Test
    void aboveTheFloorEverythingIsAsUsual() {
        try (TestServer server = TestServer.builder(data).set("min-free-disk", "1MB").start()) {
            assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(server.edit(new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(40, 30)))
                    .file("mask", TestImages.png(TestImages.mask(40, 30, 10, 10, 4, 4)))).statusCode())
                    .isEqualTo(200);
        }
    }
}
