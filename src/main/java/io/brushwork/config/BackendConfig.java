package io.brushwork.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    /** The file's {@code backends}, by name, in the order written. */
    static Map<String, BackendConfig> readAll(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigException("backends in " + file + " must map names to {type, ...settings}");
        }
        Map<String, BackendConfig> backends = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            backends.put(entry.getKey(), read("backends." + entry.getKey() + " in " + file, entry.getValue()));
        }
        return backends;
    }

    private static BackendConfig read(String where, JsonNode backend) {
        // a backend that is not a mapping has no type either; the server's list of types names the choices
        Optional<String> type = Optional.ofNullable(backend.get("type")).filter(t -> !t.isNull())
                .map(JsonNode::asText);
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : backend.properties()) {
            if (!field.getKey().equals("type")) {
                if (!field.getValue().isValueNode()) {
                    throw new ConfigException(where + ": " + field.getKey() + " must be a single value");
                }
                if (!field.getValue().isNull()) { // "api-key:" left empty means not set, not the text "null"
                    settings.put(field.getKey(), field.getValue().asText());
                }
            }
        }
        return new BackendConfig(type, settings, where);
    }
}
