package io.brushwork.http;

import io.brushwork.http.SendFailure.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP client for calls to one other server. It speaks plain HTTP/1.1: no h2c upgrade headers, which some Python
 * servers (uvicorn) answer badly, and a single large upload gains nothing from HTTP/2. It never follows redirects:
 * an API that redirects is misconfigured, and a caller that expects redirects follows them itself, checking each
 * address. Safe for concurrent use.
 */
public final class OutboundClient {
    /** A host that has not accepted a connection by then is down, whatever the (long) call timeout says. */
    static final Duration MAX_CONNECT = Duration.ofSeconds(10);

    private final HttpClient http;

    /** @param timeout the calls' timeout, which also bounds connecting (up to {@link #MAX_CONNECT}) */
    public OutboundClient(Duration timeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT)
                .build();
    }

    /**
     * Sends a request and reads its answer, whatever the status, by the deadline. The request's own timeout is
     * replaced by what remains of the deadline.
     *
     * @param maxBytes the largest answer body to read; a larger one fails the call
     * @throws SendFailure when no complete answer came
     */
    public HttpResponse<byte[]> send(HttpRequest request, Deadline deadline, long maxBytes) throws SendFailure {
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(deadline.remaining()).build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(timed, LimitedBody.handler(maxBytes));
        try {
            // The request timeout stops at the response headers; this bounds the body too.
            return call.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new SendFailure(Reason.TIMED_OUT, noAnswer(deadline), e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new SendFailure(Reason.INTERRUPTED, "interrupted while waiting for the answer", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), deadline);
        }
    }

    private static SendFailure failure(Throwable cause, Deadline deadline) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new SendFailure(Reason.NOT_CONNECTED, "could not connect (connect timeout)", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new SendFailure(Reason.TIMED_OUT, noAnswer(deadline), cause);
        }
        if (cause instanceof LimitedBody.TooLarge) {
            return new SendFailure(Reason.TOO_LARGE, cause.getMessage(), cause);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new SendFailure(Reason.NOT_CONNECTED, "could not connect (" + describe(t) + ")", cause);
            }
        }
        if (cause instanceof IOException) {
            // Reset or closed after the request went out: the server may have started the work.
            return new SendFailure(Reason.BROKEN,
                    "the connection failed before a complete answer (" + describe(cause) + ")", cause);
        }
        return new SendFailure(Reason.BROKEN, "the request failed (" + describe(cause) + ")", cause);
    }

    private static String noAnswer(Deadline deadline) {
        return "no answer within " + deadline.total().toMillis() + " ms";
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
