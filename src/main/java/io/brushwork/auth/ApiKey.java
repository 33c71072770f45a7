package io.brushwork.auth;

import java.time.Instant;
import java.util.Optional;

/** A key as listed: never the secret, only a prefix that lets a person tell keys apart. */
public record ApiKey(long id, String name, String prefix, Instant createdAt, Optional<Instant> revokedAt) {
    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
