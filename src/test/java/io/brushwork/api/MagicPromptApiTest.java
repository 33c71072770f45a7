package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Magic Prompt through the edit API: the policy, per-image rewrites, and an LLM behind a local fake server. */
class MagicPromptApiTest {
    private static final byte[] PNG = TestImages.png(TestImages.photo(48, 32));
    private static final byte[] MASK = TestImages.png(TestImages.mask(48, 32, 10, 10, 6, 6));

    @TempDir
    Path data;
    private HttpServer llm;
    private final List<JsonNode> llmRequests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLlm() {
        if (llm != null) {
            llm.stop(0);
        }
    }

    /** A chat-completions server that answers every request with a rewrite naming the seed it was sent. */
    private String startLlm() throws IOException {
        llm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        llm.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = new ObjectMapper().readTree(exchange.getRequestBody());
            llmRequests.add(request);
            String answer = "A sunlit \\\"OPEN\\\" sign on a weathered red barn door, seed " + request.get("seed");
            byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                    + "{\"role\":\"assistant\",\"content\":\"" + answer + "\"},\"finish_reason\":\"stop\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        llm.start();
        return "http://127.0.0.1:" + llm.getAddress().getPort();
    }

    private static List<String> prompts(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        List<String> prompts = new ArrayList<>();
        TestServer.json(response).get("data").forEach(item -> prompts.add(item.get("prompt").asText()));
        return prompts;
    }

    private static Multipart form(String prompt, String option) {
        return new Multipart().file("image_file", PNG).file("mask", MASK).text("prompt", prompt)
                .text("magic_prompt_option", option).text("seed", "100");
    }

    @Test
    void offKeepsOnRewritesAutoRewritesOnlyShortPrompts() {
        try (TestServer server = TestServer.builder(data).start()) {
            assertThat(prompts(server.edit(form("a red barn", "OFF")))).containsExactly("a red barn");
            assertThat(prompts(server.edit(form("a red barn", "ON"))).get(0)).startsWith("a red barn")
                    .isNotEqualTo("a red barn");
            String specific = "a weathered red barn with peeling paint, morning fog over the fields behind it, and a"
                    + " rusted weathervane on the roof";
            assertThat(prompts(server.edit(form(specific, "AUTO")))).containsExactly(specific);
            assertThat(prompts(server.edit(form(specific, "ON"))).get(0)).startsWith(specific)
                    .isNotEqualTo(specific);
        }
    }

    @Test
    void eachImageGetsItsOwnSeededRewrite() {
        try (TestServer server = TestServer.builder(data).start()) {
            List<String> three = prompts(server.edit(form("a red barn", "ON").text("num_images", "3")));
            assertThat(three).hasSize(3).allMatch(p -> p.startsWith("a red barn"));
            List<String> eight = prompts(server.edit(form("a red barn", "ON").text("num_images", "8")));
            assertThat(eight.stream().distinct().count()).as("seeds vary the rewrite").isGreaterThan(1);
            // The same seed alone gives the same rewrite: each image can be reproduced with num_images=1.
            Multipart second = new Multipart().file("image_file", PNG).file("mask", MASK).text("prompt", "a red barn")
                    .text("magic_prompt_option", "ON").text("seed", "101");
            assertThat(prompts(server.edit(second))).containsExactly(three.get(1));
        }
    }

    @Test
    void anLlmRewritesWhenConfiguredAndTheBuiltInExpanderStandsInWhenItIsDown() throws Exception {
        String url = startLlm();
        try (TestServer server = TestServer.builder(data).set("magic-prompt-llm-url", url)
                .set("magic-prompt-llm-model", "tiny-llama").set("magic-prompt-llm-key", "sk-local")
                .set("magic-prompt-llm-timeout", "5s").start()) {
            List<String> prompts = prompts(server.edit(form("\"OPEN\" sign on a barn", "ON").text("num_images", "2")));
            assertThat(prompts).containsExactly(
                    "A sunlit \"OPEN\" sign on a weathered red barn door, seed 100",
                    "A sunlit \"OPEN\" sign on a weathered red barn door, seed 101");
            assertThat(llmRequests).hasSize(2);
            assertThat(llmRequests.get(0).get("model").asText()).isEqualTo("tiny-llama");

            llm.stop(0);
            llm = null;
            List<String> fallback = prompts(server.edit(form("\"OPEN\" sign on a barn", "ON")));
            assertThat(fallback.get(0)).startsWith("\"OPEN\" sign on a barn").doesNotContain("seed 100");
        }
    }
}
