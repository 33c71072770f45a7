package io.brushwork.engine.remote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a multipart/form-data body strictly, as the providers' servers do: CRLF line ends, one boundary from the
 * Content-Type, a closing delimiter, and each field at most once.
 */
final class FormParts {
    record Part(String name, String filename, String contentType, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    private FormParts() {
    }

    static Map<String, Part> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.startsWith("multipart/form-data")) {
            throw new AssertionError("Content-Type is not multipart/form-data: " + contentType);
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new AssertionError("no boundary in " + contentType);
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
        byte[] nextDelimiter = ("\r\n--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
        if (indexOf(body, delimiter, 0) != 0) {
            throw new AssertionError("the body does not start with the boundary");
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = delimiter.length;
        while (true) {
            if (body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // closing delimiter
            }
            if (body[pos] != '\r' || body[pos + 1] != '\n') {
                throw new AssertionError("no CRLF after a boundary");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos + 2);
            String headers = new String(body, pos + 2, headersEnd - pos - 2, StandardCharsets.UTF_8);
            int end = indexOf(body, nextDelimiter, headersEnd + 4);
            if (headersEnd < 0 || end < 0) {
                throw new AssertionError("a part is not terminated");
            }
            Matcher name = NAME.matcher(headers);
            if (!name.find()) {
                throw new AssertionError("a part without a name: " + headers);
            }
            Matcher filename = FILENAME.matcher(headers);
            String type = headers.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).trim()).findFirst().orElse(null);
            Part part = new Part(name.group(1), filename.find() ? filename.group(1) : null, type,
                    Arrays.copyOfRange(body, headersEnd + 4, end));
            if (parts.putIfAbsent(part.name(), part) != null) {
                throw new AssertionError("field sent twice: " + part.name());
            }
            pos = end + nextDelimiter.length;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
