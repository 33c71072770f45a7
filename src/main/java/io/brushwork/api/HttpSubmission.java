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
        if (body == Body.JSON && !JsonBody.isJson(ctx)) {
            String type = ctx.header("Content-Type");
            throw new ApiException(415, "the request body must be application/json (got "
                    + (type == null ? "no Content-Type" : Quoted.of(type)) + "), for example"
                    + " {\"image_request\": {\"prompt\": \"a lighthouse at dusk\"}}");
        }
        if (body == Body.MULTIPART || body == Body.EITHER && !JsonBody.isJson(ctx)) {
            multipart.requireMultipart(ctx);
        }
    }

    @Override
    public R read(UploadMemory memory) {
        if (body != Body.MULTIPART && JsonBody.isJson(ctx)) {
            return form.apply(EditForm.ofJson(json.read(ctx, memory), "the request body"));
        }
        return form.apply(EditForm.ofParts(multipart.read(ctx, memory)));
    }

    @Override
    public int statusOf(RuntimeException failure) {
        return Failure.of(failure, requestId()).status();
    }
}
