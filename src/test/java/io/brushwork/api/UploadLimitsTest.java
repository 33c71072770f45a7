package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
                    .as("stopped at the limit, not read in full first")
                    .isEqualTo("'image_file' is larger than 64 KB; the limit is 64 KB per file");
            assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** A part Jetty cannot parse is the client's malformed form (400), not a body over the size limit (413). */
    @Test
    void aPartHeaderTooLongToParseIs400NotTooLarge() {
        try (TestServer server = TestServer.builder(data).start()) {
            HttpResponse<byte[]> response = server.edit(new Multipart()
                    .raw("Content-Disposition: form-data; name=\"note\"\r\nX-Padding: " + "p".repeat(10_000)
                            + "\r\n", "x".getBytes(StandardCharsets.UTF_8))
                    .file("image_file", TestImages.png(TestImages.photo(8, 8)))
                    .file("mask", TestImages.png(TestImages.mask(8, 8))));
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(400);
            assertThat(TestServer.json(response).get("error").asText()).contains("could not be read");
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

    /** A kill mid-upload leaves spooled parts behind: the next start removes them and says so. */
    @Test
    void uploadsLeftByAnEarlierRunAreRemovedWithALogLine() throws Exception {
        Path spool = Files.createDirectories(data.resolve("tmp"));
        Files.write(spool.resolve("MultiPart1234.tmp"), new byte[1024]);
        Files.write(spool.resolve("MultiPart5678.tmp"), new byte[1024]);
        Logger logger = (Logger) LoggerFactory.getLogger(BrushworkServer.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try (TestServer server = TestServer.builder(data).start()) {
            assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left).isEmpty();
            }
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                    .contains("removed 2 unfinished uploads left in " + spool + " by an earlier run");
        } finally {
            logger.detachAppender(lines);
        }
    }
}
