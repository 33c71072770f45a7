package io.brushwork.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.config.ConfigException;
import io.brushwork.config.DescribeConfig;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.remote.Upstream;
import io.brushwork.http.Deadline;
import io.brushwork.image.ArgbImage;
import io.brushwork.prompt.LlmSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Describes an image by asking a vision model behind any OpenAI-compatible {@code POST /v1/chat/completions}
 * (llama.cpp's server with a vision model, Ollama, vLLM, OpenAI): one user message carries the instructions and the
 * image as a {@code data:} URL ({@link VisionImage}), at temperature 0 so that a server that honours it answers the
 * same image the same way. Unlike Magic Prompt there is nothing to fall back on, so every failure is a
 * {@link BackendException} mapped as {@link Upstream} maps a provider's (refused connection or 429:
 * {@code UNAVAILABLE}; 502, 503, 408: {@code BUSY}; 401, 403, 404: {@code MISCONFIGURED}; another 4xx:
 * {@code REJECTED} in the server's words; a timeout, another 5xx, an oversized, malformed or empty answer:
 * {@code FAILED}). The key is blanked out of every message; neither it nor the image is logged. Safe for
 * concurrent use.
 */
public final class Describer {
    /** What {@code /describe} answers, with 503, when {@link #from} is empty. */
    public static final String NOT_CONFIGURED = "describe needs a vision model: set describe-llm-url and"
            + " describe-llm-model (any OpenAI-compatible chat completions server with a vision model)";

    static final String INSTRUCTIONS = String.join(" ",
            "Describe this image in one detailed paragraph that could be used as the prompt for an image-generation",
            "model to recreate it: the subject, setting, composition, colours, lighting, mood, and the style or",
            "medium (photograph, painting, 3D render, illustration).",
            "Copy any visible text exactly, inside quotation marks.",
            "Write in English.",
            "Reply with the description only: no preamble such as \"This image shows\", no headings, no lists.");

    /** One paragraph is a few KiB of JSON at most; anything larger is not an answer to use. */
    static final long MAX_ANSWER_BYTES = 1024 * 1024;

    /** Names the model in messages, after its keys, so that the operator knows what to check. */
    static final String NAME = "describe-llm";

    /** Reasoning models served by llama.cpp or vLLM may put their thinking before the answer. */
    private static final Pattern THINKING = Pattern.compile("(?s)^\\s*<think>.*?</think>");

    private final LlmSettings settings;
    private final Upstream upstream;
    private final ObjectMapper json = new ObjectMapper();

    Describer(LlmSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.upstream = new Upstream(NAME, settings.timeout(), settings.apiKey().map(List::of).orElse(List.of()),
                clock, MAX_ANSWER_BYTES);
    }

    /**
     * The describer the operator configured, or empty when {@code describe-llm-url} is not set: then there is no
     * describer, and {@code /describe} answers 503 with {@link #NOT_CONFIGURED}. Call it at start, so that a
     * half-set configuration stops the server before it serves.
     *
     * @throws ConfigException if only one of the URL and the model is set, or the URL is not one this can call
     */
    public static Optional<Describer> from(DescribeConfig config) {
        if (config.llmUrl().isEmpty() && config.llmModel().isEmpty()) {
            return Optional.empty();
        }
        if (config.llmUrl().isEmpty()) {
            throw new ConfigException("describe-llm-model is set, so describe-llm-url must name the server that runs"
                    + " it (for example http://127.0.0.1:8081); or unset describe-llm-model to leave /describe off");
        }
        if (config.llmModel().isEmpty()) {
            throw new ConfigException("describe-llm-url is set, so describe-llm-model must name the vision model the"
                    + " server runs (for example qwen2.5-vl-7b, llava or gpt-4o-mini)");
        }
        try {
            return Optional.of(new Describer(new LlmSettings(URI.create(config.llmUrl()), config.llmModel(),
                    Optional.of(config.llmKey()), config.llmTimeout()), Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("describe-llm-url: " + e.getMessage());
        }
    }

    /**
     * Descriptions of the image, each usable as a prompt: one, as the model wrote it, trimmed.
     *
     * @throws BackendException when the model gave no usable answer; its message never carries the key
     */
    public List<String> describe(ArgbImage image) {
        Deadline deadline = Deadline.after(settings.timeout());
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatCompletionsUri())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(VisionImage.dataUrl(image))));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return List.of(contentOf(upstream.call(request, deadline).body()));
    }

    private String requestBody(String imageUrl) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", INSTRUCTIONS);
        content.addObject().put("type", "image_url").putObject("image_url").put("url", imageUrl);
        body.put("temperature", 0);
        return body.toString();
    }

    private String contentOf(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) { // a parse error: reading from an array fails no other way
            throw upstream.failure(Kind.FAILED, "the vision model's answer is not JSON", null);
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw upstream.failure(Kind.FAILED, "the vision model's answer has no choices[0].message.content", null);
        }
        String answer = THINKING.matcher(content.asText()).replaceFirst("").trim();
        if (answer.isEmpty()) {
            throw upstream.failure(Kind.FAILED, "the vision model's answer is empty", null);
        }
        return answer;
    }
}
