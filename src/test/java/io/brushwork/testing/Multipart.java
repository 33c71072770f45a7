package io.brushwork.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds a multipart/form-data body byte by byte, the way curl --form does. */
public final class Multipart {
    private final String boundary = "----brushwork-test-boundary-7MA4YWxkTrZu0gW";
    private final List<byte[]> parts = new ArrayList<>();

    public Multipart text(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
    }

    public Multipart file(String name, String filename, String contentType, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n", content);
    }

    /** A part with no filename and no content type, as a plain text field, carrying any bytes. */
    public Multipart textPart(String name, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", content);
    }

    public Multipart file(String name, byte[] content) {
        return file(name, name + ".png", "image/png", content);
    }

    /** A part with exactly these header lines (each ending in CRLF), for shapes the helpers above do not make. */
    public Multipart raw(String headers, byte[] content) {
        return part(headers, content);
    }

    public String boundary() {
        return boundary;
    }

    private Multipart part(String headers, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        parts.add(out.toByteArray());
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
