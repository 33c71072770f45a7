package io.brushwork.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A key as listed: never the secret, only a prefix that lets a person tell keys apart.
 *
 * @param maxInflight images this key may have in flight at once; empty means the server's default
 */
public record ApiKey(long id, String name, String prefix, Instant createdAt, Optional<Instant> revokedAt,
                     OptionalInt maxInflight) {
    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
