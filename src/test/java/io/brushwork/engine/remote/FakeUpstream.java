package io.brushwork.engine.remote;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A provider on loopback: a real HTTP server whose answers each test supplies, recording every request it gets.
 * A handler that throws {@link AssertionError} (a request the real provider would refuse) answers 599 and keeps the
 * error, so that {@link #verify()} can fail the test with it. Public for the describe tests, whose vision model is
 * called the way providers are.
 */
public final class FakeUpstream implements AutoCloseable {

    public record Request(String method, String path, String query, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {
        public static Response json(int status, String json) {
            return new Response(status, Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        public static Response bytes(int status, String contentType, byte[] body) {
            return new Response(status, Map.of("Content-Type", contentType), body);
        }

        public Response with(String header, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(header, value);
            return new Response(status, all, body);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Handler handler = r -> Response.json(500, "{\"error\":\"no handler\"}");

    public FakeUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                        exchange.getRequestBody().readAllBytes());
                requests.add(request);
                Response response;
                try {
                    response = handler.handle(request);
                } catch (AssertionError | Exception e) {
                    // The engine's exception then carries the reason, so a failing test says what was wrong.
                    failures.add(e);
                    response = Response.json(599, Json.object()
                            .put("error", "the fake provider refused the request: " + e.getMessage()).toString());
                }
                response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1
                        : response.body().length);
                if (response.body().length > 0) {
                    exchange.getResponseBody().write(response.body());
                }
            }
        });
        server.start();
    }

    public void answer(Handler h) {
        handler = h;
    }

    /** Answers only once the test ends: for timeouts. */
    public void hang() {
        handler = r -> {
            release.await(10, TimeUnit.SECONDS);
            return Response.json(200, "{}");
        };
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return requests;
    }

    /** Fails with the first request the fake found wrong. */
    public void verify() {
        if (!failures.isEmpty()) {
            throw new AssertionError("the fake provider refused a request: " + failures.get(0), failures.get(0));
        }
    }

    /** A loopback address where nothing listens: connections are refused. */
    public static URI deadAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
