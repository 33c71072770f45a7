package io.brushwork.api;

import io.brushwork.Brushwork;
import io.brushwork.api.HttpSubmission.Body;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The routes that answer text: {@code POST /magic-prompt} ({@code MagicPromptResponse}) and {@code POST /describe}
 * ({@code DescribeResponse}). They go through the edit
 * service like the image routes, so keys, in-flight limits and usage rows work the same.
 */
final class TextHandlers {
    private final Brushwork app;
    private final Authenticator auth;
    private final MultipartReader multipart;
    private final JsonBody json;

    TextHandlers(Brushwork app, Authenticator auth, MultipartReader multipart) {
        this.app = app;
        this.auth = auth;
        this.multipart = multipart;
        this.json = new JsonBody(multipart);
    }

    void magicPrompt(Context ctx) {
        String rewritten = app.edits().answer(new HttpSubmission<>(ctx, auth, Body.EITHER, multipart, json,
                app.requests()::readMagicPrompt), app.rewriter()::rewrite);
        ctx.json(Map.of("magic_prompt", rewritten));
    }

    void describe(Context ctx) {
        List<String> texts = app.edits().answer(new HttpSubmission<>(ctx, auth, Body.MULTIPART, multipart, json,
                app.requests()::readDescribe), app.describer()::describe);
        ctx.json(Map.of("descriptions", texts.stream().map(text -> Map.of("text", text)).toList()));
    }
}
