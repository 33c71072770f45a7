package io.brushwork.api;

import io.brushwork.Brushwork;
import io.brushwork.store.StoredImage;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /images/{id}.png?expires=...&signature=...}: serves a stored result through its signed link. The
 * signature is checked first (403), then the expiry (410), then whether the image exists (404), so that nobody can
 * probe for ids without a link the server gave out. The bytes stream from the image store, whole or one
 * {@code Range} of them (206), with the ETag and caching headers a CDN expects.
 */
final class ImageHandler implements Handler {
    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_-]{22})\\.png");

    private final Brushwork app;

    ImageHandler(Brushwork app) {
        this.app = app;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        Matcher m = FILE.matcher(ctx.pathParam("file"));
        if (!m.matches()) {
            throw new ApiException(404, "no such image");
        }
        String id = m.group(1);
        String expiresParam = ctx.queryParam("expires");
        String signature = ctx.queryParam("signature");
        if (expiresParam == null || signature == null) {
            throw new ApiException(403, "this image link is not signed; use the url exactly as the edit response"
                    + " gave it");
        }
        long expires;
        try {
            expires = Long.parseLong(expiresParam);
        } catch (NumberFormatException e) {
            throw new ApiException(403, "this image link has been altered; use the url exactly as the edit response"
                    + " gave it");
        }
        if (!app.signer().verify(id, expires, signature)) {
            throw new ApiException(403, "this image link has been altered; use the url exactly as the edit response"
                    + " gave it");
        }
        Instant expiry = Instant.ofEpochSecond(expires);
        Instant now = app.clock().instant();
        if (!now.isBefore(expiry)) {
            throw new ApiException(410, "this image link expired at " + expiry + "; images are kept for "
                    + Sizes.describe(app.config().storage().imageTtl()) + ", so download results you want to keep");
        }
        StoredImage image = app.images().find(id).orElseThrow(() -> new ApiException(404, "no such image"));
        String etag = "\"" + image.sha256() + "\"";
        boolean notModified = matches(ctx.header("If-None-Match"), etag);
        Optional<ByteRange> range;
        try {
            range = notModified ? Optional.empty() : range(ctx, image.size(), etag);
        } catch (ApiException unsatisfiable) {
            if (!app.images().exists(image)) {
                throw new ApiException(404, "no such image"); // gone is the answer, whatever range was asked for
            }
            ctx.header("Content-Range", "bytes */" + image.size()); // how long the image is, as RFC 9110 asks
            throw unsatisfiable;
        }
        long start = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(image.size());
        // The bytes are looked for before any header is set: a row whose bytes are gone (a crash between the two,
        // or a sweep meanwhile) is a plain 404, to HEAD and If-None-Match as to GET.
        InputStream body = null;
        if (notModified || ctx.method() == HandlerType.HEAD) {
            if (!app.images().exists(image)) {
                throw new ApiException(404, "no such image");
            }
        } else {
            // Streamed from the store as it arrives: an S3 object is never held whole in memory.
            body = app.images().open(image, start, length).orElseThrow(() -> new ApiException(404, "no such image"));
        }
        long maxAge = Math.max(0, expiry.getEpochSecond() - now.getEpochSecond());
        ctx.header("ETag", etag);
        // The bytes behind a link never change; only the link's lifetime limits caching.
        ctx.header("Cache-Control", "private, max-age=" + maxAge + ", immutable");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Accept-Ranges", "bytes");
        if (notModified) {
            ctx.status(304);
            return;
        }
        ctx.contentType("image/png");
        ctx.header("Content-Length", String.valueOf(length));
        range.ifPresent(r -> ctx.status(206).header("Content-Range", r.contentRange(image.size())));
        if (body != null) {
            ctx.result(body);
        }
    }

    /**
     * The single range the request asks for, if it asks for one and its {@code If-Range} (if any) still names this
     * image; a range past the end is a 416 that says how long the image is.
     */
    private static Optional<ByteRange> range(Context ctx, long size, String etag) {
        String ifRange = ctx.header("If-Range");
        if (ifRange != null && !ifRange.trim().equals(etag)) {
            return Optional.empty();
        }
        try {
            return ByteRange.parse(ctx.header("Range"), size);
        } catch (ByteRange.Unsatisfiable e) {
            throw new ApiException(416, "the range asked for starts past the image's " + size + " bytes");
        }
    }

    /** RFC 9110 If-None-Match: a list of tags, weak or strong, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
