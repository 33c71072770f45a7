package io.brushwork.api;

import io.brushwork.auth.ApiKey;
import io.brushwork.auth.ApiKeys;
import io.brushwork.auth.KeyCheck;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the caller's key from {@code Authorization: Bearer <key>} (aggregator clients) or {@code Api-Key: <key>}
 * (Ideogram clients). If both are sent, the Bearer key is the one checked.
 */
final class Authenticator {
    static final String KEY_ATTRIBUTE = "brushwork.key-id";

    private final ApiKeys keys;
    private final boolean enabled;

    Authenticator(ApiKeys keys, boolean enabled) {
        this.keys = keys;
        this.enabled = enabled;
    }

    /** The caller's key, or empty when auth is off; throws a 401 otherwise. */
    Optional<ApiKey> authenticate(Context ctx) {
        if (!enabled) {
            return Optional.empty();
        }
        String secret = presentedKey(ctx);
        KeyCheck check = keys.check(secret);
        if (check instanceof KeyCheck.Valid valid) {
            ctx.attribute(KEY_ATTRIBUTE, valid.key().id());
            return Optional.of(valid.key());
        }
        if (check instanceof KeyCheck.Revoked) {
            throw unauthorized(ctx, "this API key has been revoked; ask the server's operator for a new one");
        }
        throw unauthorized(ctx, "invalid API key");
    }

    private static String presentedKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            String[] parts = authorization.trim().split("\\s+", 2);
            if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
                return parts[1].trim();
            }
            if (ctx.header("Api-Key") == null) {
                throw unauthorized(ctx, "the Authorization header must be 'Bearer <key>'");
            }
        }
        String apiKey = ctx.header("Api-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        throw unauthorized(ctx, "missing API key: send 'Authorization: Bearer <key>' or 'Api-Key: <key>'");
    }

    private static ApiException unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer");
        return new ApiException(401, message);
    }
}
