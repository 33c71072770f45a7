package io.brushwork.edit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of an edit as a client sent them, before validation: files as bytes, the rest as text. A multipart
 * form does not say which part is which (clients send text as file parts and the other way round), so there every
 * part can be read either way; the command line knows, and says so.
 */
public interface EditForm {

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
     * @param field   where the object came from, for the message when it is not one
     * @param example an object of the right shape, for that message
     */
    static EditForm ofJson(String json, String field, String example) {
        return JsonForm.of(json, field, example);
    }
}
