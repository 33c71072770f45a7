package io.brushwork.api;

import io.javalin.http.Context;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logfmt line per request on the {@code brushwork.access} logger, including the requests Jetty answers or drops
 * before they reach a route; never bodies, keys or query strings (an image link's signature is a credential).
 */
final class AccessLog {
    private static final Logger access = LoggerFactory.getLogger("brushwork.access");
    /** Why a request failed, in a word, for its access line. */
    static final String REASON_ATTRIBUTE = "brushwork.reason";

    private AccessLog() {
    }

    /** A request that reached the routes. */
    static void routed(Context ctx, Float millis) {
        Object keyId = ctx.attribute(Authenticator.KEY_ATTRIBUTE);
        Object reason = ctx.attribute(REASON_ATTRIBUTE);
        line(RequestIds.of(ctx), ctx.method().name(), ctx.path(), ctx.statusCode(),
                reason == null ? "-" : reason.toString(), String.format(Locale.ROOT, "%.1f", millis),
                keyId == null ? "-" : keyId.toString(), Math.max(0, ctx.req().getContentLengthLong()));
    }

    /** A request Jetty answered or closed on its own: unreadable, headers too large, headers too slow. */
    static void unrouted(String requestId, int status, String reason) {
        line(requestId, "-", "-", status, reason, "-", "-", 0);
    }

    private static void line(String requestId, String method, String path, int status, String reason,
                             String millis, String keyId, long bytesIn) {
        access.info("request_id={} method={} path={} status={} reason={} duration_ms={} key_id={} bytes_in={}",
                requestId, method, path, status, reason, millis, keyId, bytesIn);
    }
}
