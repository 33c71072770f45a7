package io.brushwork.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link LlmExpander} against a real chat-completions server on loopback, answering as each test tells it. */
class LlmExpanderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BuiltInExpander BUILT_IN = BuiltInExpander.load();
    private static final String KEY = "sk-test-secret-4711";

    /** What the fake server received. */
    private record Received(String method, String path, Headers headers, JsonNode body) {
    }

    @FunctionalInterface
    private interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private HttpServer server;
    private ExecutorService executor;
    private volatile Answer answer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LlmExpander.class);

    @BeforeEach
    void start() throws IOException {
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(), JSON.readTree(exchange.getRequestBody())));
                answer.send(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() throws InterruptedException {
        logger.detachAppender(logs);
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(2, TimeUnit.SECONDS);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private LlmExpander expander(URI base, Optional<String> key, Duration timeout) {
        return new LlmExpander(new LlmSettings(base, "qwen2.5-3b-instruct", key, timeout), BUILT_IN);
    }

    private LlmExpander expander() {
        return expander(base(), Optional.of(KEY), Duration.ofSeconds(2));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A chat.completion as OpenAI and llama.cpp send it. */
    private static Answer completion(String content) {
        return exchange -> {
            var body = JSON.createObjectNode();
            body.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_764_000_000L)
                    .put("model", "qwen2.5-3b-instruct");
            var choice = body.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            body.putObject("usage").put("prompt_tokens", 80).put("completion_tokens", 30).put("total_tokens", 110);
            reply(exchange, 200, body.toString());
        };
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private void assertFellBack(String out, String prompt, StyleType style, long seed, String reason) {
        assertThat(out).isEqualTo(BUILT_IN.expand(prompt, style, seed));
        assertThat(warnings()).singleElement().asString()
                .contains("built-in expander", reason, "/v1/chat/completions")
                .doesNotContain(KEY).doesNotContain(prompt);
    }

    @Test
    void sendsAChatCompletionAndReturnsTheAnswer() {
        answer = completion("  \"A red fox curled up in fresh snow, soft morning light, 85mm lens\"\n");

        String out = expander().expand("a fox in snow", StyleType.REALISTIC, 1234);

        assertThat(out).isEqualTo("A red fox curled up in fresh snow, soft morning light, 85mm lens");
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.headers().getFirst("Content-Type")).startsWith("application/json");
        JsonNode body = request.body();
        assertThat(body.path("model").asText()).isEqualTo("qwen2.5-3b-instruct");
        assertThat(body.path("seed").asLong()).isEqualTo(1234);
        assertThat(body.path("temperature").isNumber()).isTrue();
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText())
                .contains("quotation marks exactly", "same language", "rewritten prompt only");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("Style: REALISTIC\nPrompt: a fox in snow");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() {
        answer = completion("a fox in snow, cel shading");
        assertThat(expander(base(), Optional.empty(), Duration.ofSeconds(2)).expand("a fox", StyleType.ANIME, 1))
                .isEqualTo("a fox in snow, cel shading");
        assertThat(received.get(0).headers().containsKey("Authorization")).isFalse();
    }

    @Test
    void baseUrlWithOrWithoutSlashOrV1() {
        answer = completion("a fox, detailed");
        for (String suffix : new String[] {"", "/", "/v1", "/v1/"}) {
            LlmSettings settings = new LlmSettings(URI.create(base() + suffix), "m", Optional.empty(),
                    Duration.ofSeconds(2));
            assertThat(settings.chatCompletionsUri()).isEqualTo(URI.create(base() + "/v1/chat/completions"));
            assertThat(new LlmExpander(settings, BUILT_IN).expand("a fox", StyleType.GENERAL, 1))
                    .isEqualTo("a fox, detailed");
        }
        assertThat(received).hasSize(4).allMatch(r -> r.path().equals("/v1/chat/completions"));
        assertThat(new LlmSettings(URI.create("https://llm.example/openai/v1"), "m", Optional.empty(),
                Duration.ofSeconds(1)).chatCompletionsUri())
                .isEqualTo(URI.create("https://llm.example/openai/v1/chat/completions"));
    }

    @Test
    void settingsNeverShowTheKey() {
        LlmSettings settings = new LlmSettings(base(), "m", Optional.of(KEY), Duration.ofSeconds(1));
        assertThat(settings.toString()).doesNotContain(KEY).contains("***");
        assertThatThrownBy(() -> new LlmSettings(URI.create("ftp://h"), "m", Optional.empty(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LlmSettings(base(), "m", Optional.empty(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsAnAnswerThatKeepsTheQuotedText() {
        answer = completion("A glowing neon sign reading “Café Luna” above a rainy street at night");
        String prompt = "neon sign “Café Luna”";
        assertThat(expander().expand(prompt, StyleType.REALISTIC, 5))
                .isEqualTo("A glowing neon sign reading “Café Luna” above a rainy street at night");
    }

    @Test
    void fallsBackWhenTheAnswerDropsQuotedText() {
        answer = completion("A glowing neon sign reading Cafe Luna above a rainy street at night");
        String prompt = "neon sign “Café Luna”";
        assertFellBack(expander().expand(prompt, StyleType.REALISTIC, 5), prompt, StyleType.REALISTIC, 5,
                "quoted text");
    }

    @Test
    void fallsBackOnServerError() {
        answer = exchange -> reply(exchange, 500, "{\"error\":{\"message\":\"model crashed\"}}");
        assertFellBack(expander().expand("a fox", StyleType.ANIME, 9), "a fox", StyleType.ANIME, 9, "HTTP status 500");
    }

    @Test
    void fallsBackOnTimeout() {
        answer = exchange -> release.await(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        String out = expander(base(), Optional.of(KEY), Duration.ofMillis(300)).expand("a fox", StyleType.GENERAL, 2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertFellBack(out, "a fox", StyleType.GENERAL, 2, "no answer within 300 ms");
    }

    @Test
    void fallsBackOnGarbage() {
        answer = exchange -> reply(exchange, 200, "<html>502 Bad Gateway</html>");
        assertFellBack(expander().expand("a fox", StyleType.DESIGN, 3), "a fox", StyleType.DESIGN, 3, "not JSON");
    }

    @Test
    void fallsBackOnJsonWithoutContent() {
        answer = exchange -> reply(exchange, 200, "{\"choices\":[]}");
        assertFellBack(expander().expand("a fox", StyleType.DESIGN, 3), "a fox", StyleType.DESIGN, 3,
                "no choices[0].message.content");
    }

    @Test
    void fallsBackOnAnEmptyAnswer() {
        answer = completion(" \"\" ");
        assertFellBack(expander().expand("a fox", StyleType.FICTION, 4), "a fox", StyleType.FICTION, 4, "empty");
    }

    @Test
    void fallsBackWhenNothingListens() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String out = expander(URI.create("http://127.0.0.1:" + closed), Optional.of(KEY), Duration.ofSeconds(2))
                .expand("a fox", StyleType.STYLIZED, 6);
        assertFellBack(out, "a fox", StyleType.STYLIZED, 6, "cannot connect");
    }

    @Test
    void stripsOnlyQuotesAroundTheWholeAnswer() {
        assertThat(LlmExpander.stripQuotes("\"a fox\"")).isEqualTo("a fox");
        assertThat(LlmExpander.stripQuotes("“a fox”")).isEqualTo("a fox");
        assertThat(LlmExpander.stripQuotes("\"OPEN\" sign and \"CLOSED\"")).isEqualTo("\"OPEN\" sign and \"CLOSED\"");
        assertThat(LlmExpander.stripQuotes("a fox")).isEqualTo("a fox");
    }
}
