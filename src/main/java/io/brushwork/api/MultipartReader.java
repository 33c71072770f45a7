package io.brushwork.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brushwork.edit.Quoted;
import io.brushwork.edit.UploadMemory;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.MultiPartFormInputStream;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Reads a multipart/form-data body into bytes per field, with Jetty's parser. Every part counts, whether the
 * client sent it as a file or as text. When a field is sent twice the first one wins, as with most form parsers.
 * Parts over the per-file limit are refused before they are read into memory. While the body arrives, parts larger
 * than a few kilobytes are spooled to a temporary directory, so a slow upload holds little memory; once the whole
 * body is in, its size is reserved from the edit memory before the parts are read into the heap, and the spool
 * files are deleted. The body has a deadline as well as Jetty's minimum data rate.
 */
final class MultipartReader {
    /** Room for the text fields and part headers next to the two files. */
    private static final long FORM_OVERHEAD = 1024 * 1024;
    /** Text fields stay in memory while the body arrives; anything larger waits on disk. */
    private static final int SPOOL_THRESHOLD = 16 * 1024;
    /** Parts per form: Ideogram's edit has eight fields; the rest is room for clients that send extra ones. */
    static final int MAX_FIELDS = 100;
    /** A JSON-encoded text field is a prompt or an enum; larger parts are not looked into. */
    private static final int MAX_JSON_FIELD = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MULTIPART = "multipart/form-data";
    private static final Pattern PART_TOO_LARGE = Pattern.compile("Multipart Mime part (.+) exceeds max filesize");

    private final long maxFileSize;
    private final long minUploadRate;
    private final Duration uploadTimeout;
    private final long maxRequestSize;
    private final Path spoolDir;
    private final MultipartConfigElement jettyConfig;

    MultipartReader(long maxFileSize, long minUploadRate, Duration uploadTimeout, Path spoolDir) {
        this.minUploadRate = minUploadRate;
        this.maxFileSize = maxFileSize;
        this.uploadTimeout = uploadTimeout;
        this.spoolDir = spoolDir;
        this.maxRequestSize = 2 * maxFileSize + FORM_OVERHEAD;
        // Jetty stops reading a part at the per-file limit, so an oversized upload is not spooled in full first.
        this.jettyConfig = new MultipartConfigElement(spoolDir.toString(), maxFileSize, maxRequestSize,
                SPOOL_THRESHOLD);
    }

    /** Limits Jetty applies to every form, set to match ours: text parts as large as files, and a field count. */
    void configure(ServletContextHandler context) {
        context.setMaxFormContentSize((int) Math.min(Integer.MAX_VALUE, maxRequestSize));
        context.setMaxFormKeys(MAX_FIELDS);
    }

    /** Jetty cut the upload off: below the minimum data rate (408), or another message it could not read. */
    private ApiException cutOff(BadMessageException e) {
        if (e.getCode() == 408) {
            return new ApiException(408, "the upload was too slow: once started, a body must average at least "
                    + Sizes.describe(minUploadRate) + " a second (min-upload-rate); send it again");
        }
        return new ApiException(400, "the request could not be read: " + e.getReason());
    }

    /**
     * Jetty signals each of its form limits with an IllegalStateException; only its message tells them apart. What
     * is not one of them is a form Jetty could not parse (a header line too long, say): a 400, not a 413.
     */
    private ApiException limitReached(String jettyMessage) {
        Matcher part = PART_TOO_LARGE.matcher(jettyMessage);
        if (part.find()) {
            // The part's name is the client's: quoted back cut short, as every echoed value is.
            return new ApiException(413, Quoted.of(part.group(1)) + " is larger than " + Sizes.describe(maxFileSize)
                    + "; the limit is " + Sizes.describe(maxFileSize) + " per file");
        }
        String message = jettyMessage.toLowerCase(Locale.ROOT);
        if (message.contains("maxrequestsize")) {
            return new ApiException(413, "the request body is larger than " + Sizes.describe(maxRequestSize)
                    + "; the limit is " + Sizes.describe(maxFileSize) + " per file");
        }
        if (message.contains("too many") || message.contains("keys") || message.contains("parts")) {
            return new ApiException(400, "the form has too many fields; an edit needs at most a few dozen (limit "
                    + MAX_FIELDS + ")");
        }
        return new ApiException(400, "the multipart/form-data body could not be read: a part's headers are"
                + " malformed or too long");
    }

    /**
     * Clients generated by openapi-generator's okhttp-gson send enum fields as JSON ({@code Content-Type:
     * application/json}, the value {@code "V_2_TURBO"} with its quotes). A part that says it is JSON and is one
     * JSON string counts as that string; anything else is kept as sent.
     */
    private static byte[] jsonStringOrAsSent(Part part, byte[] bytes) {
        String type = part.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")
                || part.getSubmittedFileName() != null || bytes.length > MAX_JSON_FIELD) {
            return bytes;
        }
        try {
            JsonNode value = JSON.readTree(bytes);
            return value != null && value.isTextual() ? value.textValue().getBytes(StandardCharsets.UTF_8) : bytes;
        } catch (IOException e) {
            return bytes;
        }
    }

    static boolean isMultipart(Context ctx) {
        String contentType = ctx.header("Content-Type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(MULTIPART);
    }

    void requireMultipart(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (!isMultipart(ctx)) {
            throw new ApiException(415, "the request body must be multipart/form-data (got "
                    + (contentType == null ? "no Content-Type" : Quoted.of(contentType))
                    + "); send the fields as a form, files as file fields, as curl --form does");
        }
    }

    /**
     * The Content-Type with its media type in lower case, as Jetty's parser compares it case-sensitively; media
     * types are case-insensitive (RFC 9110), and the boundary after them is kept exactly as sent.
     */
    private static String canonicalType(String contentType) {
        return MULTIPART + contentType.substring(MULTIPART.length());
    }

    /** Reads the whole form, reserving its size in {@code memory} before its bytes are held. */
    Map<String, byte[]> read(Context ctx, UploadMemory memory) {
        requireMultipart(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxRequestSize) {
            throw new ApiException(413, "the request body is " + Sizes.describe(declared) + "; the limit is "
                    + Sizes.describe(maxFileSize) + " per file and " + Sizes.describe(maxRequestSize) + " in all");
        }
        MultiPartFormInputStream form;
        try {
            form = new MultiPartFormInputStream(new DeadlineInputStream(ctx.req().getInputStream(), uploadTimeout),
                    canonicalType(ctx.header("Content-Type")), jettyConfig, spoolDir.toFile(), MAX_FIELDS);
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiException(400, "the request body could not be read: " + e.getMessage());
        }
        try {
            Map<String, Part> kept = new LinkedHashMap<>();
            for (Part part : form.getParts()) {
                if (part.getName() != null) {
                    kept.putIfAbsent(part.getName(), part);
                }
            }
            memory.reserve(kept.values().stream().mapToLong(Part::getSize).sum());
            Map<String, byte[]> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Part> field : kept.entrySet()) {
                try (InputStream in = field.getValue().getInputStream()) {
                    fields.put(field.getKey(), jsonStringOrAsSent(field.getValue(), in.readAllBytes()));
                }
            }
            return fields;
        } catch (IllegalStateException | IOException e) {
            throw unreadable(e);
        } finally {
            form.deleteParts();
        }
    }

    /** How long a whole body may take to arrive. */
    Duration uploadTimeout() {
        return uploadTimeout;
    }

    /**
     * Jetty's own refusal (the upload too slow, say) or the upload's deadline, as the client should hear it, if
     * either is behind {@code e}: they come wrapped in the parser's exceptions. Any body, form or JSON, is read
     * under both.
     */
    Optional<ApiException> cutOff(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadMessageException bad) {
                return Optional.of(cutOff(bad));
            }
            if (cause instanceof DeadlineInputStream.Expired) {
                return Optional.of(new ApiException(408, "the upload took longer than "
                        + Sizes.describe(uploadTimeout) + " (upload-timeout); send it again over a faster"
                        + " connection, or send smaller files"));
            }
        }
        return Optional.empty();
    }

    /** Why the body could not be read, as the client should hear it. */
    private ApiException unreadable(Exception e) {
        Optional<ApiException> cut = cutOff(e);
        if (cut.isPresent()) {
            return cut.get();
        }
        if (e instanceof IllegalStateException) {
            return limitReached(String.valueOf(e.getMessage()));
        }
        return new ApiException(400, "the multipart/form-data body could not be read: it is malformed or was cut"
                + " off (check the boundary in Content-Type and that the body ends with it)");
    }
}
