package io.brushwork.edit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** {@link EditForm#ofJson}: a JSON object read as a form. */
final class JsonForm {
    /** Shared: Jackson's mappers are thread-safe once configured. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonForm() {
    }

    static EditForm of(String json, String field, String example) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEditException(field + " is not valid JSON (" + e.getOriginalMessage() + "); send a"
                    + " JSON object such as " + example);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEditException(field + " must be a JSON object such as " + example);
        }
        return new EditForm() {
            @Override
            public Optional<byte[]> file(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> text(String name) {
                JsonNode value = node.get(name);
                if (value == null || value.isNull()) {
                    return Optional.empty();
                }
                return Optional.of(value.isValueNode() ? value.asText() : value.toString());
            }
        };
    }
}
