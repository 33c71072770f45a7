package io.brushwork.api;

import io.brushwork.auth.ApiKey;
import io.brushwork.edit.EditForm;
import io.brushwork.edit.Quoted;
import io.brushwork.edit.Submission;
import io.brushwork.edit.UploadMemory;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;

/** One HTTP request as the edit service asks for it: its key, its body as a form, and how a failure is answered. */
final class HttpSubmission<R> implements Submission<R> {
    /** What body a route takes, as Ideogram's description says. */
    enum Body {
        MULTIPART, JSON, EITHER
    }

    private final Context ctx;
    private final Authenticator auth;
    private final Body body;
    private final MultipartReader multipart;
    private final JsonBody json;
    private final Function<EditForm, R> form;

    HttpSubmission(Context ctx, Authenticator auth, Body body, MultipartReader multipart, JsonBody json,
                   Function<EditForm, R> form) {
        this.ctx = ctx;
        this.auth = auth;
        this.body = body;
        this.multipart = multipart;
        this.json = json;
        this.form = form;
    }

    @Override
    public String requestId() {
        return RequestIds.of(ctx);
    }

    @Override
    public String path() {
        return ctx.path();
    }

    @Override
    public Optional<ApiKey> caller() {
        return auth.authenticate(ctx);
    }

    @Override
    public void checkBeforeReading() {
        boolean isJson = JsonBody.isJson(ctx);
        if (body == Body.JSON && !isJson || body == Body.EITHER && !isJson && !MultipartReader.isMultipart(ctx)) {
            String type = ctx.header("Content-Type");
            throw new ApiException(415, "the request body must be " + (body == Body.JSON ? "application/json"
                    : "multipart/form-data or application/json") + " (got " + (type == null ? "no Content-Type"
                    : Quoted.of(type)) + "), for example " + example());
        }
        if (body == Body.MULTIPART) {
            multipart.requireMultipart(ctx);
        }
    }

    /** A body of the route's shape, for messages: legacy generate wraps its fields in image_request. */
    private String example() {
        return body == Body.JSON ? "{\"image_request\": {\"prompt\": \"a lighthouse at dusk\"}}"
                : "{\"prompt\": \"a lighthouse at dusk\"}";
    }

    @Override
    public R read(UploadMemory memory) {
        if (body != Body.MULTIPART && JsonBody.isJson(ctx)) {
            return form.apply(EditForm.ofJson(json.read(ctx, memory), "the request body", example()));
        }
        return form.apply(EditForm.ofParts(multipart.read(ctx, memory)));
    }

    @Override
    public int statusOf(RuntimeException failure) {
        return Failure.of(failure, requestId()).status();
    }
}
