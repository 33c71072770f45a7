package io.brushwork.prompt;

import io.brushwork.config.ConfigException;
import io.brushwork.config.MagicPromptConfig;
import io.brushwork.http.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link LlmExpander} (and the describe package's {@code Describer}, for its vision model) finds an
 * OpenAI-compatible chat-completions server.
 *
 * @param baseUrl the server, with or without a trailing {@code /} or {@code /v1}: {@code http://h:1234},
 *                {@code http://h:1234/} and {@code http://h:1234/v1} all mean {@code http://h:1234/v1/chat/completions}
 * @param model   the model name the server expects
 * @param apiKey  sent as {@code Authorization: Bearer …} when present (local servers usually need none)
 * @param timeout for the whole call; past it Magic Prompt's built-in expander answers instead (describe fails)
 */
public record LlmSettings(URI baseUrl, String model, Optional<String> apiKey, Duration timeout) {
    public LlmSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the LLM base URL must be an http or https URL, got " + baseUrl);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("the LLM model must not be blank");
        }
        Deadline.requirePositive("the LLM timeout", timeout);
        apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank());
    }

    /**
     * The server the operator configured, or empty for none (no URL).
     *
     * @throws ConfigException if there is a URL but no model, or the URL is not one this can call
     */
    public static Optional<LlmSettings> from(MagicPromptConfig config) {
        if (config.llmUrl().isEmpty()) {
            return Optional.empty();
        }
        if (config.llmModel().isEmpty()) {
            throw new ConfigException("magic-prompt-llm-url is set, so magic-prompt-llm-model must name the model"
                    + " the server runs (for example llama3.1 or gpt-4o-mini)");
        }
        try {
            return Optional.of(new LlmSettings(URI.create(config.llmUrl()), config.llmModel(),
                    Optional.of(config.llmKey()), config.llmTimeout()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("magic-prompt-llm-url: " + e.getMessage());
        }
    }

    /** {@code {baseUrl}/v1/chat/completions}, however the base URL was written. */
    public URI chatCompletionsUri() {
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/v1")) {
            path = path.substring(0, path.length() - "/v1".length());
        }
        return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path + "/v1/chat/completions");
    }

    /** The endpoint as it may appear in logs: no user info, query or fragment. */
    String endpointForLog() {
        URI uri = chatCompletionsUri();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath();
    }

    /** Masks the key, so logging the settings cannot leak it. */
    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + endpointForLog() + ", model=" + model
                + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", timeout=" + timeout + "]";
    }
}
