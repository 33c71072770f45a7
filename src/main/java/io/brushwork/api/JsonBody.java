package io.brushwork.api;

import io.brushwork.edit.UploadMemory;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.BadMessageException;

/**
 * A JSON request body ({@code POST /generate}, and V3 routes that take JSON as well as multipart), read with the
 * same upload deadline as a form and at most {@link #MAX_BYTES}: a prompt and a few options, never an image.
 */
final class JsonBody {
    /** Far above a 10,000-character prompt and its options in any encoding. */
    static final int MAX_BYTES = 256 * 1024;

    private final MultipartReader uploads;

    /** @param uploads says how a body that came too slowly or too late is answered, as for forms */
    JsonBody(MultipartReader uploads) {
        this.uploads = uploads;
    }

    static boolean isJson(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /** The body as text, its size reserved in {@code memory} before it is held. */
    String read(Context ctx, UploadMemory memory) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        memory.reserve(declared > 0 ? declared : MAX_BYTES);
        byte[] body;
        try (InputStream in = new DeadlineInputStream(ctx.req().getInputStream(), uploads.uploadTimeout())) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | BadMessageException e) {
            // Jetty's minimum data rate ends a slow body with its own RuntimeException, the deadline with ours.
            throw uploads.cutOff(e).orElseGet(() -> new ApiException(400, "the request body could not be read: it"
                    + " was cut off"));
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "the JSON body is larger than " + Sizes.describe(MAX_BYTES) + "; it carries a"
                + " prompt and options only");
    }
}
