package io.brushwork.store;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers and secrets: URL-safe Base64 of bytes from a {@link SecureRandom}. */
public final class RandomIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** {@code bytes * 8} random bits, URL-safe, no padding. */
    public static String next(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
