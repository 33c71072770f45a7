package io.brushwork.auth;

import java.util.Optional;

/** The outcome of presenting a key. */
public sealed interface KeyCheck {
    record Valid(ApiKey key) implements KeyCheck {
    }

    record Unknown() implements KeyCheck {
    }

    record Revoked(ApiKey key) implements KeyCheck {
    }

    default Optional<ApiKey> validKey() {
        return this instanceof Valid v ? Optional.of(v.key()) : Optional.empty();
    }
}
