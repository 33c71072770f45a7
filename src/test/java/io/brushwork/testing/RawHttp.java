package io.brushwork.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for the request shapes a well-behaved client library never sends: bodies written
 * in many small pieces, chunked uploads, and hand-made multipart bytes.
 */
public final class RawHttp {
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code body} in pieces. */
    public static Response send(int port, String head, byte[] body, int pieceSize, boolean chunked)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            String headers = head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                    + "\r\n";
            out.write(headers.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                writeBody(out, body, pieceSize, chunked);
            } catch (IOException e) {
                // The server may answer (a 413, say) and close before the whole body is sent; read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    private static void writeBody(OutputStream out, byte[] body, int pieceSize, boolean chunked)
            throws IOException, InterruptedException {
        for (int at = 0; at < body.length; at += pieceSize) {
            byte[] piece = Arrays.copyOfRange(body, at, Math.min(body.length, at + pieceSize));
            if (chunked) {
                out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(piece);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(piece);
            }
            out.flush();
            if ((at / pieceSize) % 64 == 0) {
                Thread.sleep(1); // let the pieces arrive as separate TCP segments
            }
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes(); // Connection: close
        int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String[] lines = new String(all, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(all, split + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int eol = indexOf(Arrays.copyOfRange(body, at, body.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            int size = Integer.parseInt(new String(body, at, eol, StandardCharsets.US_ASCII).trim(), 16);
            at += eol + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(body, at, size);
            at += size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
