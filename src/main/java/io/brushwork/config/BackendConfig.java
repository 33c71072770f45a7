package io.brushwork.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend the operator configured under {@code backends}. Its settings stay as text until its type reads them,
 * so each type documents and checks its own keys; the server's list of types decides which {@code type}s exist.
 *
 * @param type     the {@code type} as written; empty when it is missing
 * @param settings the rest of its keys, as written
 * @param where    where it was written, for messages: {@code backends.lama in /etc/brushwork.yaml}
 */
public record BackendConfig(Optional<String> type, Map<String, String> settings, String where) {
    public BackendConfig {
        Objects.requireNonNull(type, "type");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(where, "where");
    }
}
