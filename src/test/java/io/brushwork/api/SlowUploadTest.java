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
 * Clients that hold a connection without sending a request the server can work on: a body trickled below the
 * minimum upload rate, or sent just fast enough for longer than the upload deadline (408 either way, the place free
 * again); headers trickled past the header timeout; a body still streaming after the server has answered (the
 * connection is closed after a short linger instead of being drained for as long as the client sends).
 */
class SlowUploadTest {
    @TempDir
    Path data;

    /** A form of 256 KB of noise: long enough to send slowly. */
    static Multipart noiseForm() {
        byte[] noise = new byte[256 * 1024];
        new Random(7).nextBytes(noise);
        return new Multipart().file("image_file", noise).file("mask", TestImages.png(TestImages.mask(8, 8)));
    }

    /** An edit's request line and headers, with {@code key}, for {@code body}. */
    static byte[] head(String key, Multipart form, byte[] body) {
        return ("POST /edit HTTP/1.1\r\nHost: 127.0.0.1\r\nApi-Key: " + key + "\r\nContent-Type: "
                + form.contentType() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the body from {@code from} on at 4 bytes a second, until the server hangs up or {@code stop}. */
    private static Thread trickle(OutputStream out, byte[] body, int from, AtomicBoolean stop) {
        Thread trickle = new Thread(() -> {
            for (int at = from; at < body.length && !stop.get(); at++) {
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
        return trickle;
    }

    @Test
    void aTricklingUploadIsCutOffAndItsPlaceFreed() throws Exception {
        try (TestServer server = TestServer.builder(data).set("workers", "1").set("queue", "0")
                .set("min-upload-rate", "4KB").start()) {
            Multipart form = noiseForm();
            byte[] body = form.body();
            AtomicBoolean stop = new AtomicBoolean();
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(head(server.key, form, body));
                out.write(body, 0, 1024);
                out.flush();
                // 4 bytes a second: the 255 KB left would take about 18 hours.
                Thread trickle = trickle(out, body, 1024, stop);

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

    /** A JSON body is read under the same minimum rate as a form, and cut off with the same 408, not a 500. */
    @Test
    void aTricklingJsonBodyIsCutOffLikeAForm() throws Exception {
        try (TestServer server = TestServer.builder(data).set("min-upload-rate", "4KB").start()) {
            byte[] body = ("{\"image_request\": {\"prompt\": \"" + "a".repeat(60_000) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            AtomicBoolean stop = new AtomicBoolean();
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /ideogram/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + server.key + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 1024);
                out.flush();
                Thread trickle = trickle(out, body, 1024, stop);
                // Up to the end of the JSON error, however the server leaves the connection after it.
                InputStream in = socket.getInputStream();
                StringBuilder read = new StringBuilder();
                for (int b; !read.toString().contains("\"}") && (b = in.read()) >= 0; ) {
                    read.append((char) b);
                }
                String answer = read.toString();
                stop.set(true);
                trickle.join(5_000);
                assertThat(answer).startsWith("HTTP/1.1 408").contains("min-upload-rate");
            }
        }
    }

    /** Fast enough for the minimum rate, but a body that would take 25 s is cut off at its one-second deadline. */
    @Test
    void anUploadPastItsDeadlineIsCutOff() throws Exception {
        try (TestServer server = TestServer.builder(data).set("upload-timeout", "1s").start()) {
            Multipart form = noiseForm();
            byte[] body = form.body();
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(head(server.key, form, body));
                Thread sender = new Thread(() -> {
                    for (int at = 0; at < body.length; at += 1024) { // 10 KB a second
                        try {
                            out.write(body, at, Math.min(1024, body.length - at));
                            out.flush();
                            Thread.sleep(100);
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                sender.start();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 408").contains("upload-timeout");
                sender.interrupt();
                sender.join(5_000);
            }
        }
    }

    @Test
    void headersTrickledPastTheHeaderTimeoutAreCutOff() throws Exception {
        try (TestServer server = TestServer.builder(data).set("header-timeout", "1s").start();
             Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(20_000);
            byte[] head = ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(60) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            int sent = 0;
            try {
                for (byte b : head) { // a byte every 100 ms: the headers would take 9 s
                    socket.getOutputStream().write(b);
                    socket.getOutputStream().flush();
                    sent++;
                    Thread.sleep(100);
                }
            } catch (java.io.IOException e) {
                // the server hung up, as it should
            }
            int answered = socket.getInputStream().read();
            assertThat(sent).as("cut off before the headers were done").isLessThan(head.length);
            assertThat(answered).as("closed, not answered").isEqualTo(-1);
        }
    }

    /**
     * Refused from its headers (no key), a client keeps streaming its body. Jetty reads and discards what follows an
     * answer so that the client can read it; here that stops after a short linger, not after gigabytes.
     */
    @Test
    void aBodyStillArrivingAfterTheAnswerIsNotDrainedForever() throws Exception {
        try (TestServer server = TestServer.builder(data).start();
             Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /edit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            InputStream in = socket.getInputStream();
            long deadline = System.nanoTime() + 20_000_000_000L;
            boolean cut = false;
            long sentAfterAnswer = -1;
            while (System.nanoTime() < deadline) {
                try {
                    out.write(chunk);
                    out.flush();
                } catch (java.io.IOException e) {
                    cut = true;
                    break;
                }
                if (sentAfterAnswer < 0 && in.available() > 0) {
                    byte[] status = in.readNBytes(12);
                    assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 401");
                    sentAfterAnswer = 0;
                } else if (sentAfterAnswer >= 0) {
                    sentAfterAnswer += chunk.length;
                }
                Thread.sleep(1);
            }
            assertThat(sentAfterAnswer).as("answered while the body was still arriving").isNotNegative();
            assertThat(cut).as("the connection was closed within 20 s of streaming").isTrue();
        }
    }
}
