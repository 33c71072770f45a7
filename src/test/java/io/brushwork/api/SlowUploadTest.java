package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends its headers and then trickles its body holds a place in the queue while it does. Below the
 * minimum upload rate it is cut off with 408, and the place is free again for others, however long its body is.
 */
class SlowUploadTest {
    @TempDir
    Path data;

    @Test
    void aTricklingUploadIsCutOffAndItsPlaceFreed() throws Exception {
        try (TestServer server = TestServer.builder(data).set("workers", "1").set("queue", "0")
                .set("min-upload-rate", "4KB").start()) {
            byte[] noise = new byte[256 * 1024];
            new Random(7).nextBytes(noise);
            Multipart form = new Multipart().file("image_file", noise)
                    .file("mask", TestImages.png(TestImages.mask(8, 8)));
            byte[] body = form.body();
            AtomicBoolean stop = new AtomicBoolean();
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /edit HTTP/1.1\r\nHost: 127.0.0.1\r\nApi-Key: " + server.key + "\r\nContent-Type: "
                        + form.contentType() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 1024);
                out.flush();
                Thread trickle = new Thread(() -> {
                    // 4 bytes a second: the 255 KB left would take about 18 hours.
                    for (int at = 1024; at < body.length && !stop.get(); at++) {
                        try {
                            out.write(body[at]);
                            out.flush();
                            Thread.sleep(250);
                        } catch (Exception e) {
                            return; // the server hung up, as it should
                        }
                    }
                });
                trickle.start();

                InputStream in = socket.getInputStream();
                String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).as("cut off, not left to trickle for hours").isEqualTo("HTTP/1.1 408");
                stop.set(true);
                trickle.join(5_000);
            }
            // The trickler's place is free: an ordinary edit on the one-place server goes through.
            assertThat(server.edit(new Multipart()
                    .file("image_file", TestImages.png(TestImages.photo(40, 30)))
                    .file("mask", TestImages.png(TestImages.mask(40, 30, 10, 10, 4, 4)))).statusCode())
                    .isEqualTo(200);
        }
    }
}
