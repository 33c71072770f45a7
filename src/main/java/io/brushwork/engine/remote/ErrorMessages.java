package io.brushwork.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds what a provider said in an error body, so that a client sees the provider's own words. The shapes:
 * <ul>
 *   <li>Ideogram: {@code {"error": "..."}}</li>
 *   <li>OpenAI and its imitators: {@code {"error": {"message": "...", "type": ...}}}</li>
 *   <li>FastAPI ({@code HTTPException}): {@code {"detail": "..."}}; its validation errors:
 *       {@code {"detail": [{"loc": [...], "msg": "..."}]}}</li>
 *   <li>the middleware IOPaint copied from AUTOMATIC1111:
 *       {@code {"error": "<exception class>", "detail": "...", "body": "...", "errors": "<str(exception)>"}}</li>
 * </ul>
 * A body that is not JSON gives nothing: HTML error pages from proxies are not a message for a client.
 */
final class ErrorMessages {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int MAX_CHARS = 500;

    private ErrorMessages() {
    }

    static Optional<String> from(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        return first(
                text(root.path("error").path("message")),
                text(root.path("detail")),
                validationErrors(root.path("detail")),
                // With the A1111 middleware, "error" is only the exception's class name; "errors" says what happened.
                text(root.path("errors")),
                text(root.path("error")),
                text(root.path("message")))
                .map(ErrorMessages::shorten);
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... candidates) {
        for (Optional<String> c : candidates) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().trim()) : Optional.empty();
    }

    private static Optional<String> validationErrors(JsonNode detail) {
        if (!detail.isArray()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode item : detail) {
            Optional<String> msg = text(item.path("msg"));
            if (msg.isEmpty()) {
                continue;
            }
            List<String> loc = new ArrayList<>();
            item.path("loc").forEach(l -> loc.add(l.asText()));
            parts.add(loc.isEmpty() ? msg.get() : String.join(".", loc) + ": " + msg.get());
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static String shorten(String message) {
        return message.length() <= MAX_CHARS ? message : message.substring(0, MAX_CHARS) + "…";
    }
}
