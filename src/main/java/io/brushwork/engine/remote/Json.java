package io.brushwork.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.BackendException.Kind;
import java.io.IOException;

/** The one JSON mapper of the remote engines (thread-safe once built) and strict reading of answers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e); // cannot happen for a tree
        }
    }

    /** A 2xx answer that must be a JSON object; anything else means the provider's answer is unusable. */
    static JsonNode parse(byte[] body, Upstream upstream) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw upstream.failure(Kind.FAILED, "the answer is not JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw upstream.failure(Kind.FAILED, "the answer is not a JSON object", null);
        }
        return root;
    }
}
