package io.brushwork.store;

import java.time.Instant;

/** A result image in the store: its id (128 random bits), content hash and size, and when its links expire. */
public record StoredImage(String id, String sha256, long size, Instant createdAt, Instant expiresAt) {
}
