package io.brushwork.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.brushwork.store.RandomIds;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that hold the server without sending a request it can work on, which Jetty's idle timeout
 * alone does not: it restarts on every byte. Twice a second it looks at every HTTP/1.1 connection and closes one
 * <ul>
 *   <li>whose request line and headers have been arriving for longer than the header timeout (a client trickling
 *       its headers a byte at a time, as nginx's {@code client_header_timeout} stops);</li>
 *   <li>that was answered before its body was read (a 401, a 413, a 408) and has been discarding the rest of that
 *       body for longer than a short linger: Jetty reads and throws away what the client still sends so the answer
 *       is not lost to a reset, for as long as the client sends, which a client can make forever.</li>
 * </ul>
 */
final class ConnectionGuard extends AbstractLifeCycle {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long SWEEP_MILLIS = 500;
    /** Long enough for a client to read an answer sent while it was still sending, as nginx's lingering close. */
    static final Duration LINGER = Duration.ofSeconds(2);

    /** What a connection was doing when first seen doing it, to tell how long it has been at it. */
    private record Phase(boolean headers, long message, long sinceNanos) {
    }

    private final Server server;
    private final long headerTimeoutNanos;
    private final Map<HttpConnection, Phase> watched = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    ConnectionGuard(Server server, Duration headerTimeout) {
        this.server = server;
        this.headerTimeoutNanos = headerTimeout.toNanos();
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connection-guard");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
        watched.clear();
    }

    void sweep() {
        try {
            long now = System.nanoTime();
            Map<HttpConnection, Phase> seen = new HashMap<>();
            for (Connector connector : server.getConnectors()) {
                for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                    if (endPoint.getConnection() instanceof HttpConnection connection) {
                        check(connection, endPoint, now, seen);
                    }
                }
            }
            watched.keySet().retainAll(seen.keySet());
            watched.putAll(seen);
        } catch (RuntimeException e) {
            log.warn("connection guard sweep failed", e);
        }
    }

    private void check(HttpConnection connection, EndPoint endPoint, long now, Map<HttpConnection, Phase> seen) {
        HttpParser parser = connection.getParser();
        boolean readingHeaders = !parser.isStart() && parser.inHeaderState();
        boolean discarding = parser.isClose() || parser.isClosed();
        if (!readingHeaders && !discarding) {
            return;
        }
        Phase phase = new Phase(readingHeaders, connection.getMessagesIn(), now);
        Phase before = watched.get(connection);
        if (before != null && before.headers() == phase.headers() && before.message() == phase.message()) {
            phase = before;
        }
        seen.put(connection, phase);
        long limit = readingHeaders ? headerTimeoutNanos : LINGER.toNanos();
        if (now - phase.sinceNanos() > limit) {
            if (readingHeaders) {
                AccessLog.unrouted(RandomIds.next(12), 408, "header_timeout");
            } else {
                log.debug("closed {}: a body still arriving {} ms after its answer", endPoint.getRemoteSocketAddress(),
                        limit / 1_000_000);
            }
            endPoint.close();
        }
    }
}
