package io.brushwork.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.remote.FakeUpstream;
import io.brushwork.engine.remote.FakeUpstream.Request;
import io.brushwork.engine.remote.FakeUpstream.Response;
import io.brushwork.image.ArgbImage;
import io.brushwork.prompt.LlmSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link Describer} against a real chat-completions server on loopback, answering as each test tells it. */
class DescriberTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-vision-secret-4711";
    private static final String MODEL = "qwen2.5-vl-7b";
    private static final String DATA_URL_PREFIX = "data:image/jpeg;base64,";

    private final FakeUpstream fake = new FakeUpstream();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.brushwork");
    private Level level;

    @BeforeEach
    void watchLogs() {
        // Debug too: Upstream logs each exchange at debug, and neither level may show the key or the image.
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        logger.setLevel(level);
        fake.close();
    }

    private Describer describer(URI base, Optional<String> key, Duration timeout) {
        return new Describer(new LlmSettings(base, MODEL, key, timeout), Clock.systemUTC());
    }

    private Describer describer() {
        return describer(fake.base(), Optional.of(KEY), Duration.ofSeconds(5));
    }

    /** A chat.completion as OpenAI and llama.cpp send it. */
    private static Response completion(String content) {
        var body = JSON.createObjectNode();
        body.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_764_000_000L)
                .put("model", MODEL);
        var choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 60).put("total_tokens", 960);
        return Response.json(200, body.toString());
    }

    /** Left half red, right half blue, so that the test can tell the image that arrived is this one. */
    private static ArgbImage redAndBlue(int width, int height) {
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            Arrays.fill(px, y * width, y * width + width / 2, 0xFFFF0000);
            Arrays.fill(px, y * width + width / 2, (y + 1) * width, 0xFF0000FF);
        }
        return new ArgbImage(width, height, px, false);
    }

    /** The image the request carried, decoded from its data URL. */
    private static BufferedImage sentImage(Request request) throws IOException {
        JsonNode content = JSON.readTree(request.text()).path("messages").path(0).path("content");
        String url = content.path(1).path("image_url").path("url").asText();
        assertThat(url).startsWith(DATA_URL_PREFIX);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring(DATA_URL_PREFIX.length()))));
        assertThat(image).as("the data URL holds a JPEG that decodes").isNotNull();
        return image;
    }

    private BackendException failure(Describer describer) {
        BackendException e = catchThrowableOfType(() -> describer.describe(redAndBlue(64, 48)),
                BackendException.class);
        assertThat(e).as("a BackendException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(KEY);
        return e;
    }

    /** Answers with {@code response}, and checks the failure's kind and that its message says {@code words}. */
    private BackendException assertFails(Response response, Kind kind, String... words) {
        fake.answer(request -> response);
        return assertFails(describer(), kind, words);
    }

    private BackendException assertFails(Describer describer, Kind kind, String... words) {
        BackendException e = failure(describer);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).contains(words);
        return e;
    }

    @Test
    void sendsTheModelTheInstructionsAndTheImageAndReturnsTheTrimmedAnswer() throws IOException {
        fake.answer(request -> completion("<think>\nA fox? No, two colours.\n</think>\n\n  A flat red field beside a"
                + " flat blue field, split down the middle, minimalist poster style.  \n"));

        assertThat(describer().describe(redAndBlue(3000, 1200))).containsExactly("A flat red field beside a flat"
                + " blue field, split down the middle, minimalist poster style.");

        Request request = fake.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.text());
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("temperature").isNumber()).isTrue();
        assertThat(body.path("temperature").asDouble()).isZero();
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        JsonNode content = messages.get(0).path("content");
        assertThat(content).hasSize(2);
        assertThat(content.get(0).path("type").asText()).isEqualTo("text");
        assertThat(content.get(0).path("text").asText()).isEqualTo(Describer.INSTRUCTIONS)
                .contains("image-generation", "English", "description only");
        assertThat(content.get(1).path("type").asText()).isEqualTo("image_url");

        BufferedImage sent = sentImage(request);
        assertThat(sent.getWidth()).isEqualTo(1024);
        assertThat(sent.getHeight()).isEqualTo(410); // 1200 * 1024 / 3000 = 409.6
        assertThat(new java.awt.Color(sent.getRGB(100, 200))).satisfies(c -> {
            assertThat(c.getRed()).isGreaterThan(200);
            assertThat(c.getBlue()).isLessThan(60);
        });
        assertThat(new java.awt.Color(sent.getRGB(900, 200))).satisfies(c -> {
            assertThat(c.getBlue()).isGreaterThan(200);
            assertThat(c.getRed()).isLessThan(60);
        });
        fake.verify();
    }

    @Test
    void aTallImageIsShrunkByItsHeightAndASmallOneIsSentAtItsSize() throws IOException {
        fake.answer(request -> completion("two colours"));
        describer().describe(redAndBlue(900, 2000));
        describer().describe(redAndBlue(640, 480));

        BufferedImage tall = sentImage(fake.requests().get(0));
        assertThat(tall.getHeight()).isEqualTo(1024);
        assertThat(tall.getWidth()).isEqualTo(461); // 900 * 1024 / 2000 = 460.8
        BufferedImage small = sentImage(fake.requests().get(1));
        assertThat(small.getWidth()).isEqualTo(640);
        assertThat(small.getHeight()).isEqualTo(480);
    }

    @Test
    void transparentPixelsAreSentWhite() throws IOException {
        fake.answer(request -> completion("a white square"));
        describer().describe(new ArgbImage(32, 32, new int[32 * 32], true)); // transparent black

        int rgb = sentImage(fake.requests().get(0)).getRGB(16, 16);
        assertThat(new java.awt.Color(rgb)).satisfies(c -> assertThat(Math.min(c.getRed(),
                Math.min(c.getGreen(), c.getBlue()))).isGreaterThan(245));
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() {
        fake.answer(request -> completion("two colours"));
        assertThat(describer(URI.create(fake.base() + "/v1/"), Optional.empty(), Duration.ofSeconds(5))
                .describe(redAndBlue(20, 10))).containsExactly("two colours");
        assertThat(fake.requests().get(0).header("Authorization")).isNull();
        assertThat(fake.requests().get(0).path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void neitherTheKeyNorTheImageIsLogged() {
        fake.answer(request -> completion("two colours"));
        describer().describe(redAndBlue(64, 48));
        fake.answer(request -> Response.json(500, "{\"error\":{\"message\":\"crashed reading " + KEY + "\"}}"));
        failure(describer());

        assertThat(logs.list).as("Upstream's debug line for each exchange").hasSizeGreaterThanOrEqualTo(2);
        assertThat(logs.list).map(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).doesNotContain(KEY, "base64", "/9j/"));
    }

    @Test
    void aTimeoutFails() {
        fake.hang();
        long start = System.nanoTime();
        assertFails(describer(fake.base(), Optional.of(KEY), Duration.ofMillis(300)), Kind.FAILED, Describer.NAME,
                "no answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
    }

    @Test
    void nothingListeningIsUnavailable() {
        assertFails(describer(FakeUpstream.deadAddress(), Optional.of(KEY), Duration.ofSeconds(2)), Kind.UNAVAILABLE,
                Describer.NAME, "could not connect");
    }

    @Test
    void aServerErrorFailsWithTheServersWordsButNotTheKey() {
        assertFails(Response.json(500, "{\"error\":{\"message\":\"model crashed while using key " + KEY + "\"}}"),
                Kind.FAILED, Describer.NAME, "HTTP 500", "model crashed", "***");
    }

    @Test
    void anOverloadedServerIsBusy() {
        assertFails(Response.json(503, "{\"error\":{\"message\":\"Loading model\"}}"), Kind.BUSY,
                Describer.NAME, "HTTP 503", "Loading model");
    }

    @Test
    void aRateLimitIsUnavailableWithItsRetryAfter() {
        BackendException e = assertFails(Response.json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}")
                .with("Retry-After", "7"), Kind.UNAVAILABLE, Describer.NAME, "429");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void aRefusedKeyIsMisconfiguredAndItsEchoIsLeftOut() {
        // OpenAI echoes part of a rejected key; the whole of it here, to be sure none reaches the message.
        BackendException e = assertFails(Response.json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"),
                Kind.MISCONFIGURED, Describer.NAME, "HTTP 401", "API key");
        assertThat(e.getMessage()).doesNotContain("Incorrect");
    }

    @Test
    void anUnknownModelIsMisconfiguredInTheServersWords() {
        assertFails(Response.json(404, "{\"error\":{\"message\":\"model \\\"qwen2.5-vl-7b\\\" not found, try"
                + " pulling it first\",\"type\":\"api_error\"}}"), Kind.MISCONFIGURED, Describer.NAME, "HTTP 404",
                "not found, try pulling it first", "model");
    }

    @Test
    void anotherClientErrorIsRejectedInTheServersWords() {
        assertFails(Response.json(400,
                "{\"error\":{\"message\":\"image input is not supported by this model (key " + KEY + ")\"}}"),
                Kind.REJECTED, "image input is not supported", "***");
    }

    @Test
    void garbageFails() {
        byte[] html = "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
        assertFails(Response.bytes(200, "text/html", html), Kind.FAILED, Describer.NAME, "not JSON");
    }

    @Test
    void jsonWithoutContentFails() {
        assertFails(Response.json(200, "{\"choices\":[]}"), Kind.FAILED, "no choices[0].message.content");
    }

    @Test
    void anEmptyAnswerFails() {
        assertFails(completion("<think>I see red and blue.</think>\n  \n"), Kind.FAILED, Describer.NAME, "empty");
    }

    @Test
    void anOversizedAnswerFails() {
        assertFails(completion("a".repeat((int) Describer.MAX_ANSWER_BYTES)), Kind.FAILED, Describer.NAME,
                "larger than 1 MiB");
    }
}
