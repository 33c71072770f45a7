package io.brushwork.api;

import io.brushwork.Brushwork;
import io.brushwork.auth.ApiKey;
import io.brushwork.edit.EditForm;
import io.brushwork.edit.EditRequest;
import io.brushwork.edit.Edited;
import io.brushwork.edit.EditedImage;
import io.brushwork.edit.Quoted;
import io.brushwork.edit.Submission;
import io.brushwork.edit.UploadMemory;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every route that answers with images ({@code POST /edit}, {@code /reframe}, {@code /upscale}, {@code /generate},
 * {@code /remix} and their V3 forms): hand the request to the edit service (which authenticates through this edge,
 * takes a place before the form is read, and records usage), then answer with Ideogram's JSON and signed links.
 */
final class EditHandler implements Handler {

    /** Ideogram writes {@code created} with a numeric offset, e.g. {@code 2026-11-24T05:37:10.123456+00:00}. */
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern(
            "uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT);

    private final Brushwork app;
    private final Authenticator auth;
    private final MultipartReader multipart;
    private final JsonBody json;
    private final HttpSubmission.Body body;
    private final Function<EditForm, EditRequest> form;

    /** @param form reads the route's form: the legacy field names or V3's */
    EditHandler(Brushwork app, Authenticator auth, MultipartReader multipart, Function<EditForm, EditRequest> form) {
        this(app, auth, multipart, HttpSubmission.Body.MULTIPART, form);
    }

    /**
     * @param body what body the route takes
     * @param form reads the route's fields, from a form or a JSON body
     */
    EditHandler(Brushwork app, Authenticator auth, MultipartReader multipart, HttpSubmission.Body body,
                Function<EditForm, EditRequest> form) {
        this.app = app;
        this.auth = auth;
        this.multipart = multipart;
        this.json = new JsonBody(multipart);
        this.body = body;
        this.form = form;
    }

    @Override
    public void handle(Context ctx) {
        Edited edited = app.edits().edit(new HttpSubmission<>(ctx, auth, body, multipart, json, form));
        app.metrics().stages(edited.timings());
        ctx.header("Server-Timing", serverTiming(edited.timings()));
        ctx.json(response(ctx, edited));
    }

    private EditResponse response(Context ctx, Edited edited) {
        String base = app.config().server().publicUrl().orElseGet(() -> ctx.scheme() + "://" + ctx.host());
        List<EditResponse.Item> items = new ArrayList<>();
        for (Edited.Image kept : edited.images()) {
            EditedImage image = kept.image();
            // A signed link's path is completed with this server's base; a presigned URL is whole already.
            String url = kept.location().map(at -> at.startsWith("/") ? base + at : at).orElse(null);
            // An upscale reports the photo's size and the new one; every other image, its own size.
            items.add(new EditResponse.Item(url, image.prompt(), image.before().orElse(image.resolution()),
                    image.before().map(b -> image.resolution()).orElse(null), image.safe(), image.seed(),
                    image.styleType().name()));
        }
        String created = OffsetDateTime.ofInstant(app.clock().instant(), ZoneOffset.UTC).format(CREATED);
        return new EditResponse(created, items);
    }

    /** Where the time went, in the standard header browsers' dev tools and curl -v show. */
    private static String serverTiming(Edited.Timings t) {
        return String.format(Locale.ROOT, "decode;dur=%.1f, engine;dur=%.1f, encode;dur=%.1f, store;dur=%.1f",
                millis(t.decode()), millis(t.engine()), millis(t.encode()), millis(t.store()));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
