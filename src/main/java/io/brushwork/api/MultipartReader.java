package io.brushwork.api;

import io.brushwork.edit.Quoted;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Reads a multipart/form-data body into bytes per field, with Jetty's parser. Every part counts, whether the
 * client sent it as a file or as text. When a field is sent twice the first one wins, as with most form parsers.
 * Parts over the per-file limit are refused before they are read into memory; Jetty spools large parts to a
 * temporary directory and deletes them when the request ends.
 */
final class MultipartReader {
    /** Room for the text fields and part headers next to the two files. */
    private static final long FORM_OVERHEAD = 1024 * 1024;
    private static final int SPOOL_THRESHOLD = 256 * 1024;
    private static final String JETTY_MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
    /** Parts per form: Ideogram's edit has eight fields; the rest is room for clients that send extra ones. */
    static final int MAX_FIELDS = 100;

    private final long maxFileSize;
    private final long maxRequestSize;
    private final MultipartConfigElement jettyConfig;

    MultipartReader(long maxFileSize, Path spoolDir) {
        this.maxFileSize = maxFileSize;
        this.maxRequestSize = 2 * maxFileSize + FORM_OVERHEAD;
        this.jettyConfig = new MultipartConfigElement(spoolDir.toString(), -1, maxRequestSize, SPOOL_THRESHOLD);
    }

    /** Limits Jetty applies to every form, set to match ours: text parts as large as files, and a field count. */
    void configure(ServletContextHandler context) {
        context.setMaxFormContentSize((int) Math.min(Integer.MAX_VALUE, maxRequestSize));
        context.setMaxFormKeys(MAX_FIELDS);
    }

    void requireMultipart(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException(415, "the request body must be multipart/form-data (got "
                    + (contentType == null ? "no Content-Type" : Quoted.of(contentType))
                    + "); send the image and mask as file fields, as curl --form does");
        }
    }

    Map<String, byte[]> read(Context ctx) {
        requireMultipart(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxRequestSize) {
            throw new ApiException(413, "the request body is " + Sizes.describe(declared) + "; the limit is "
                    + Sizes.describe(maxFileSize) + " per file and " + Sizes.describe(maxRequestSize) + " in all");
        }
        ctx.req().setAttribute(JETTY_MULTIPART_CONFIG, jettyConfig);
        Map<String, byte[]> fields = new LinkedHashMap<>();
        try {
            for (Part part : ctx.req().getParts()) {
                String name = part.getName();
                if (name == null || fields.containsKey(name)) {
                    continue;
                }
                if (part.getSize() > maxFileSize) {
                    throw new ApiException(413, name + " is " + Sizes.describe(part.getSize()) + "; the limit is "
                            + Sizes.describe(maxFileSize) + " per file");
                }
                try (InputStream in = part.getInputStream()) {
                    fields.put(name, in.readAllBytes());
                }
            }
        } catch (IllegalStateException e) {
            // Jetty signals each of its limits this way; only the message tells them apart.
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("too many") || message.contains("keys") || message.contains("parts")) {
                throw new ApiException(400, "the form has too many fields; an edit needs at most a few dozen (limit "
                        + MAX_FIELDS + ")");
            }
            throw new ApiException(413, "the request body is larger than " + Sizes.describe(maxRequestSize)
                    + "; the limit is " + Sizes.describe(maxFileSize) + " per file");
        } catch (IOException | ServletException e) {
            throw new ApiException(400, "the multipart/form-data body could not be read: it is malformed or was cut"
                    + " off (check the boundary in Content-Type and that the body ends with it)");
        }
        return fields;
    }
}
