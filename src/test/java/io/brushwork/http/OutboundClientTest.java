package io.brushwork.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.brushwork.http.SendFailure.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OutboundClient} against a server on loopback that answers as each test tells it. */
class OutboundClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @FunctionalInterface
    private interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final CountDownLatch release = new CountDownLatch(1);
    private final OutboundClient client = new OutboundClient(TIMEOUT);
    private HttpServer server;
    private volatile Answer answer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // the server's own thread answers: these tests make one request at a time
        server.createContext("/", exchange -> {
            try (exchange) {
                answer.send(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private HttpRequest get() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x")).build();
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private SendFailure failure(HttpRequest request, Deadline deadline, long maxBytes) {
        SendFailure e = catchThrowableOfType(SendFailure.class, () -> client.send(request, deadline, maxBytes));
        assertThat(e).as("a SendFailure").isNotNull();
        return e;
    }

    @Test
    void readsUpToTheLimitAndRefusesMore() throws Exception {
        answer = exchange -> reply(exchange, 200, new byte[64 * 1024]);

        assertThat(client.send(get(), Deadline.after(TIMEOUT), 64 * 1024).body()).hasSize(64 * 1024);
        SendFailure e = failure(get(), Deadline.after(TIMEOUT), 64 * 1024 - 1);
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e).hasCauseInstanceOf(LimitedBody.TooLarge.class);
    }

    @Test
    void answersWhateverTheStatusFollowingNoRedirect() throws Exception {
        answer = exchange -> {
            assertThat(exchange.getProtocol()).isEqualTo("HTTP/1.1");
            assertThat(exchange.getRequestHeaders()).doesNotContainKey("Upgrade");
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            reply(exchange, 302, new byte[0]);
        };
        HttpResponse<byte[]> response = client.send(get(), Deadline.after(TIMEOUT), 1024);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.uri().getPath()).isEqualTo("/x");
    }

    @Test
    void nothingListeningIsNotConnected() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SendFailure e = failure(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port)).build(),
                Deadline.after(TIMEOUT), 1024);
        assertThat(e.reason()).isEqualTo(Reason.NOT_CONNECTED);
        assertThat(e).hasMessageContaining("could not connect");
    }

    @Test
    void noAnswerByTheDeadlineTimesOut() {
        answer = exchange -> release.await(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        SendFailure e = failure(get(), Deadline.after(Duration.ofMillis(300)), 1024);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(e).hasMessage("no answer within 300 ms");
    }

    @Test
    void aBodyThatStopsShortIsBroken() {
        answer = exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[10]);
            // closing the exchange 990 bytes short drops the connection
        };
        SendFailure e = failure(get(), Deadline.after(TIMEOUT), 1024 * 1024);
        assertThat(e.reason()).isEqualTo(Reason.BROKEN);
        assertThat(e).hasMessageContaining("before a complete answer");
    }

    @Test
    void anInterruptedWaitSaysSoAndKeepsTheInterrupt() {
        answer = exchange -> reply(exchange, 200, new byte[0]);
        Thread.currentThread().interrupt();
        SendFailure e = failure(get(), Deadline.after(TIMEOUT), 1024);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(e.reason()).isEqualTo(Reason.INTERRUPTED);
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThat(Deadline.requirePositive("the X timeout", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> Deadline.requirePositive("the X timeout", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the X timeout must be positive, got " + bad);
        }
    }
}
