package io.brushwork.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of an image's bytes, as a {@code Range: bytes=...} header asks for it (RFC 9110 §14): what CDNs and
 * resuming downloads send. Only a single range is served; a list of ranges, or a header that cannot be read, gets
 * the whole image, which the RFC allows.
 */
record ByteRange(long start, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Thrown for a range that starts past the end: 416. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /** The range of a {@code size}-byte image the header asks for; empty for the whole image. */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) { // the last n bytes
                long n = Long.parseLong(m.group(2));
                if (n == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - n), Math.min(n, size)));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return Optional.empty(); // invalid: ignored, as the RFC says
            }
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1) - first + 1));
        } catch (NumberFormatException e) {
            return Optional.empty(); // more digits than a long: not a range anyone means
        }
    }

    /** The {@code Content-Range} of this range of a {@code size}-byte image. */
    String contentRange(long size) {
        return "bytes " + start + "-" + (start + length - 1) + "/" + size;
    }
}
