package io.brushwork.config;

import java.util.Map;

/**
 * A backend the operator configured: an ONNX model or a remote provider. Its settings stay as text until the
 * engine for its type reads them, so each type documents and checks its own keys.
 *
 * @param type     {@code onnx}, {@code ideogram}, {@code openai}, {@code iopaint} or {@code sd-webui}
 * @param settings the rest of its keys, as written
 */
public record BackendConfig(String type, Map<String, String> settings) {
    public BackendConfig {
        settings = Map.copyOf(settings);
    }
}
