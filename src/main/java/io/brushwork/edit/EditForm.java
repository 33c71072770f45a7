package io.brushwork.edit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of an edit as a client sent them, before validation: files as bytes, the rest as text. A multipart
 * form does not say which part is which (clients send text as file parts and the other way round), so there every
 * part can be read either way; the command line knows, and says so.
 */
public interface EditForm {
    /** Reads {@link #ofJson} objects; shared, as Jackson's mappers are thread-safe. */
    ObjectMapper JSON = new ObjectMapper();


    /** The file field's bytes, if it was sent. */
    Optional<byte[]> file(String name);

    /** The text field as sent (not trimmed), if it was sent. */
    Optional<String> text(String name);

    /** A multipart form's parts by name; text is read as UTF-8. */
    static EditForm ofParts(Map<String, byte[]> parts) {
        return new EditForm() {
            @Override
            public Optional<byte[]> file(String name) {
                return Optional.ofNullable(parts.get(name));
            }

            @Override
            public Optional<String> text(String name) {
                return file(name).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
            }
        };
    }

    /** Files and texts given apart, as the command line has them. */
    static EditForm of(Map<String, byte[]> files, Map<String, String> texts) {
        return new EditForm() {
            @Override
            public Optional<byte[]> file(String name) {
                return Optional.ofNullable(files.get(name));
            }

            @Override
            public Optional<String> text(String name) {
                return Optional.ofNullable(texts.get(name));
            }
        };
    }

    /**
     * A JSON object's fields as a form: text as written, numbers and booleans as their JSON text, objects and
     * arrays as JSON; it has no files. Ideogram sends {@code image_request} as such an object, inside a JSON body
     * or as a multipart text field.
     *
     * @param field where the object came from, for the message when it is not one
     */
    static EditForm ofJson(String json, String field) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEditException(field + " is not valid JSON (" + e.getOriginalMessage() + "); send a"
                    + " JSON object such as {\"prompt\": \"a red door\"}");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEditException(field + " must be a JSON object such as {\"prompt\": \"a red door\"}");
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
