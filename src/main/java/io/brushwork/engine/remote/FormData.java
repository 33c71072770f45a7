package io.brushwork.engine.remote;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A {@code multipart/form-data} body (RFC 7578), built in memory: the parts are a few images of one edit. */
final class FormData {
    /** Random, so that no image's bytes can contain it by design; 128 bits make an accident negligible. */
    private final String boundary = "brushwork-" + HexFormat.of().formatHex(randomBytes());
    private final List<byte[]> chunks = new ArrayList<>();

    FormData text(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8));
    }

    FormData file(String name, String filename, String contentType, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n", content);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * One array, so the request carries a {@code Content-Length}: a stream of parts would go out chunked, which
     * some gateways and Python form parsers refuse for uploads.
     */
    HttpRequest.BodyPublisher publisher() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }

    private FormData part(String headers, byte[] content) {
        chunks.add(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        chunks.add(content);
        chunks.add("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
