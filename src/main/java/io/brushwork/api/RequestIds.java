package io.brushwork.api;

import io.brushwork.store.RandomIds;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Every request gets an id, returned in {@code X-Request-Id} and written to the access log and usage table. A
 * well-formed id sent by the client (a gateway's trace id, say) is kept so logs can be joined across hops.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "brushwork.request-id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private RequestIds() {
    }

    static void assign(Context ctx) {
        String sent = ctx.header(HEADER);
        String id = sent != null && ACCEPTED.matcher(sent).matches() ? sent : RandomIds.next(12);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
