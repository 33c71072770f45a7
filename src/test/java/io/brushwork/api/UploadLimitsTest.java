package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte and pixel limits, set low so the tests stay small. */
class UploadLimitsTest {
    @TempDir
    Path data;

    @Test
    void fileOverTheLimitIs413NamingTheField() {
        try (TestServer server = TestServer.builder(data).set("max-file-size", "64KB").start()) {
            byte[] big = new byte[100 * 1024];
            new Random(1).nextBytes(big);
            HttpResponse<byte[]> response = server.edit(new Multipart()
                    .file("image_file", big)
                    .file("mask", TestImages.png(TestImages.mask(8, 8))));
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(TestServer.json(response).get("error").asText())
                    .contains("image_file is 100 KB").contains("limit is 64 KB");
            assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bodyFarOverTheLimitIs413() {
        try (TestServer server = TestServer.builder(data).set("max-file-size", "16KB").start()) {
            byte[] big = new byte[3 * 1024 * 1024];
            HttpResponse<byte[]> response = server.edit(new Multipart().file("image_file", big));
            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void imageOverTheConfiguredPixelLimitIs400() {
        try (TestServer server = TestServer.builder(data).set("max-pixels", "1000").start()) {
            HttpResponse<byte[]> response = server.edit(new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(50, 30)))
                    .file("mask", TestImages.png(TestImages.mask(50, 30, 1, 1, 2, 2))));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(response).get("error").asText()).contains("50x30").contains("limit");
        }
    }
}
