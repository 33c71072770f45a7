package io.brushwork.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.http.Deadline;
import io.brushwork.http.OutboundClient;
import io.brushwork.http.SendFailure;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magic Prompt through a language model behind any OpenAI-compatible {@code POST /v1/chat/completions} (llama.cpp
 * server, Ollama, vLLM, OpenAI). Whenever the model cannot give a usable answer — timeout, connection failure,
 * non-2xx status, malformed JSON, an empty answer, or an answer that lost the prompt's quoted text — the fallback
 * expander answers instead and a WARN line says why, so a rewrite never fails an edit. The prompt and the API key
 * are never logged.
 */
public final class LlmExpander implements PromptExpander {
    private static final Logger log = LoggerFactory.getLogger(LlmExpander.class);

    /** Some variety between seeds; servers that honour {@code seed} still answer the same seed the same way. */
    private static final double TEMPERATURE = 0.7;

    static final String INSTRUCTIONS = String.join(" ",
            "You rewrite prompts for an image-editing model that repaints a masked area of a picture.",
            "The user message gives a style and a prompt. Rewrite the prompt into one detailed prompt of at most",
            "60 words: keep everything it asks for and add concrete visual detail (subject, materials, light,",
            "composition) that suits the style.",
            "Copy any text inside quotation marks exactly, character for character, keeping the quotation marks.",
            "Write in the same language as the prompt.",
            "If the prompt is empty, describe a seamless continuation of the surrounding scene.",
            "Reply with the rewritten prompt only: no preamble, no explanation, no quotation marks around it.");

    /** One rewritten prompt is a few KiB of JSON at most; anything larger is not an answer to use. */
    private static final long MAX_ANSWER_BYTES = 1024 * 1024;

    /** Reasoning models served by llama.cpp or vLLM may put their thinking before the answer. */
    private static final Pattern THINKING = Pattern.compile("(?s)^\\s*<think>.*?</think>");

    private final LlmSettings settings;
    private final PromptExpander fallback;
    private final OutboundClient http;
    private final ObjectMapper json = new ObjectMapper();

    public LlmExpander(LlmSettings settings, PromptExpander fallback) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.http = new OutboundClient(settings.timeout());
    }

    @Override
    public String expand(String prompt, StyleType style, long seed) {
        String text = prompt == null ? "" : prompt;
        StyleType s = style == null ? StyleType.AUTO : style;
        String answer;
        try {
            answer = ask(text, s, seed);
        } catch (Unusable e) {
            return fallBack(e.getMessage(), text, s, seed);
        } catch (RuntimeException e) {
            return fallBack("unexpected " + describe(e), text, s, seed);
        }
        List<String> quoted = QuotedSpans.in(text);
        long lost = quoted.stream().filter(q -> !answer.contains(q)).count();
        if (lost > 0) {
            return fallBack("its answer lost " + lost + " of the prompt's " + quoted.size() + " quoted text(s)",
                    text, s, seed);
        }
        return answer;
    }

    private String fallBack(String reason, String prompt, StyleType style, long seed) {
        log.warn("Magic Prompt: the LLM at {} gave no usable rewrite ({}); using the built-in expander instead",
                settings.endpointForLog(), reason);
        return fallback.expand(prompt, style, seed);
    }

    private String ask(String prompt, StyleType style, long seed) throws Unusable {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatCompletionsUri())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(prompt, style, seed)));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));

        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), Deadline.after(settings.timeout()), MAX_ANSWER_BYTES);
        } catch (SendFailure e) {
            throw new Unusable(e.reason() == SendFailure.Reason.NOT_CONNECTED
                    ? "cannot connect: " + describe(e.getCause()) : e.getMessage());
        }
        if (response.statusCode() / 100 != 2) {
            throw new Unusable("HTTP status " + response.statusCode());
        }
        return contentOf(response.body());
    }

    private String requestBody(String prompt, StyleType style, long seed) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", INSTRUCTIONS);
        messages.addObject().put("role", "user").put("content", "Style: " + style.name() + "\nPrompt: " + prompt);
        body.put("seed", seed);
        body.put("temperature", TEMPERATURE);
        return body.toString();
    }

    private String contentOf(byte[] body) throws Unusable {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) { // a parse error: reading from an array fails no other way
            throw new Unusable("the answer is not JSON");
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw new Unusable("the answer has no choices[0].message.content");
        }
        String answer = stripQuotes(THINKING.matcher(content.asText()).replaceFirst("").trim());
        if (answer.isEmpty()) {
            throw new Unusable("the answer is empty");
        }
        return answer;
    }

    /**
     * Removes one pair of quotation marks around the whole answer, which models add despite being told not to,
     * unless the same mark also occurs inside (then the marks belong to quoted text in the prompt).
     */
    static String stripQuotes(String answer) {
        String[][] pairs = {{"\"", "\""}, {"“", "”"}, {"'", "'"}, {"‘", "’"}, {"«", "»"}, {"「", "」"}};
        for (String[] pair : pairs) {
            if (answer.length() >= 2 && answer.startsWith(pair[0]) && answer.endsWith(pair[1])) {
                String inner = answer.substring(1, answer.length() - 1);
                if (!inner.contains(pair[0]) && !inner.contains(pair[1])) {
                    return inner.trim();
                }
            }
        }
        return answer;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Why the model's answer cannot be used; its message goes into the WARN line. */
    private static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason, null, false, false);
        }
    }
}
