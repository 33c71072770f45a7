package io.brushwork.config;

import java.time.Duration;

/**
 * The OpenAI-compatible server with a vision model that answers {@code POST /describe}, as written; the describe
 * package checks that they make a server it can call. Empty text means not set.
 *
 * @param llmUrl     the server; empty for none, and then {@code /describe} is unavailable
 * @param llmModel   the vision model the server runs; needed with a URL, and only with one
 * @param llmKey     sent as a Bearer token; local servers usually need none
 * @param llmTimeout past it, the describe request fails
 */
public record DescribeConfig(String llmUrl, String llmModel, String llmKey, Duration llmTimeout) {
    /** Longer than Magic Prompt's: a vision model reads the image before it writes a paragraph. */
    public static final Duration DEFAULT_LLM_TIMEOUT = Duration.ofSeconds(30);

    public static DescribeConfig from(ConfigValues v) {
        return new DescribeConfig(
                v.text("describe-llm-url").orElse(""),
                v.text("describe-llm-model").orElse(""),
                v.text("describe-llm-key").orElse(""),
                v.duration("describe-llm-timeout").orElse(DEFAULT_LLM_TIMEOUT));
    }
}
