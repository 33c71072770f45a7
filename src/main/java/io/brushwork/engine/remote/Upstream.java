package io.brushwork.engine.remote;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.http.Deadline;
import io.brushwork.http.OutboundClient;
import io.brushwork.http.Redirects;
import io.brushwork.http.SendFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one remote backend: every call is bounded by the job's {@link Deadline}, answers are read up to
 * a size limit (both by {@link OutboundClient}), and every way a call can fail becomes a {@link BackendException}
 * whose kind says whether the route may try again:
 * <table>
 *   <caption>failure mapping</caption>
 *   <tr><td>connection refused, connect timeout; HTTP 429</td><td>UNAVAILABLE (with Retry-After)</td></tr>
 *   <tr><td>HTTP 408, 502, 503: received, perhaps started</td><td>BUSY (with Retry-After)</td></tr>
 *   <tr><td>HTTP 401, 403; a redirect from an API endpoint</td><td>MISCONFIGURED</td></tr>
 *   <tr><td>the provider's safety refusal (Ideogram's 422), where it has one</td><td>UNSAFE_PROMPT</td></tr>
 *   <tr><td>any other 4xx</td><td>REJECTED, the message being the provider's own words</td></tr>
 *   <tr><td>timeout after sending, a dropped connection, other 5xx, an oversized answer</td><td>FAILED</td></tr>
 * </table>
 * Messages name the backend, except REJECTED and UNSAFE_PROMPT ones, which are meant to reach the client as they
 * are. Configured
 * secrets are blanked out of every message, even from text the provider echoed back.
 *
 * <p>Public for the describe package, which calls a vision model with the same failure mapping; the engines here
 * use the rest.
 */
public final class Upstream {
    private static final Logger log = LoggerFactory.getLogger(Upstream.class);

    /** Answers carry base64 images; anything larger is not the answer to one edit. */
    static final long MAX_ANSWER_BYTES = 128L * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;

    private final String backend;
    private final List<String> secrets;
    private final Clock clock;
    private final OptionalInt unsafePromptStatus;
    private final long maxAnswerBytes;
    private final OutboundClient http;

    /**
     * @param backend the configured backend name, for messages and logs
     * @param secrets values that must never appear in a message (API keys, passwords)
     */
    Upstream(String backend, Duration timeout, List<String> secrets, Clock clock) {
        this(backend, timeout, secrets, clock, OptionalInt.empty(), MAX_ANSWER_BYTES);
    }

    /**
     * A backend whose answers are small (text, not images).
     *
     * @param backend        names the backend in messages and logs
     * @param secrets        values that must never appear in a message (API keys, passwords)
     * @param maxAnswerBytes the largest answer body read; a larger one is FAILED
     */
    public Upstream(String backend, Duration timeout, List<String> secrets, Clock clock, long maxAnswerBytes) {
        this(backend, timeout, secrets, clock, OptionalInt.empty(), maxAnswerBytes);
    }

    /**
     * @param unsafePromptStatus the status with which the provider refuses a prompt its safety check failed
     *                           (Ideogram's 422): that answer is {@link Kind#UNSAFE_PROMPT}, not REJECTED
     */
    Upstream(String backend, Duration timeout, List<String> secrets, Clock clock, OptionalInt unsafePromptStatus) {
        this(backend, timeout, secrets, clock, unsafePromptStatus, MAX_ANSWER_BYTES);
    }

    private Upstream(String backend, Duration timeout, List<String> secrets, Clock clock,
            OptionalInt unsafePromptStatus, long maxAnswerBytes) {
        this.backend = backend;
        this.unsafePromptStatus = unsafePromptStatus;
        this.maxAnswerBytes = maxAnswerBytes;
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
        this.clock = clock;
        this.http = new OutboundClient(timeout);
    }

    /** A 2xx answer. */
    public record Answer(HttpResponse<byte[]> response) {
        public byte[] body() {
            return response.body();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }

    /**
     * Makes an API call that asks the provider to do (and perhaps charge for) the job: returns its 2xx answer or
     * throws the {@link BackendException} the outcome maps to.
     */
    public Answer call(HttpRequest.Builder request, Deadline deadline) {
        HttpResponse<byte[]> response = exchange(request.build(), deadline, false);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new Answer(response);
        }
        throw statusFailure(response);
    }

    /** As {@link #download(URI, URI, Deadline)}, for the link as the answer's {@code data[0].url} wrote it. */
    byte[] download(String link, URI origin, Deadline deadline) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            throw failure(Kind.FAILED, "the answer's data[0].url is not a URL", null);
        }
        return download(uri, origin, deadline);
    }

    /**
     * Downloads a result the provider has already made, from a link its API at {@code origin} gave. Every failure is FAILED, even a refused connection or a
     * 503: the job itself went through (and was charged), so the route must not run it again elsewhere.
     */
    byte[] download(URI uri, URI origin, Deadline deadline) {
        // The link itself is held to the rule its redirects are: a provider's answer cannot send the server anywhere.
        Redirects.refusal(origin, uri).ifPresent(why -> {
            throw failure(Kind.FAILED, "the provider's result link was not followed: " + why, null);
        });
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || current.getHost() == null) {
                throw failure(Kind.FAILED, "the provider's result link is not an http(s) URL", null);
            }
            HttpRequest request = HttpRequest.newBuilder(current).GET().build();
            HttpResponse<byte[]> response = exchange(request, deadline, true);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response.body();
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (status / 100 == 3 && location.isPresent()) {
                URI next;
                try {
                    next = current.resolve(location.get().trim());
                } catch (IllegalArgumentException e) {
                    throw failure(Kind.FAILED, "the provider's result link redirects to an invalid URL", null);
                }
                URI from = current;
                Redirects.refusal(from, next).ifPresent(why -> {
                    throw failure(Kind.FAILED, "the provider's result link was not followed: " + why, null);
                });
                current = next;
                continue;
            }
            throw failure(Kind.FAILED, "the provider made the image but downloading it failed (HTTP " + status
                    + (status == 403 || status == 404 || status == 410 ? ", the link may have expired)" : ")"),
                    null);
        }
        throw failure(Kind.FAILED, "the provider's result link redirects more than " + MAX_REDIRECTS + " times",
                null);
    }

    /** A failure of this backend with a message that names it. */
    public BackendException failure(Kind kind, String what, Throwable cause) {
        return new BackendException(kind, scrub(backend + ": " + what), Optional.empty(), cause);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, Deadline deadline, boolean jobDone) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, deadline, maxAnswerBytes);
        } catch (SendFailure e) {
            // Only a request that never reached the provider leaves the job to another backend, and only if the
            // job was not already done here.
            Kind kind = e.reason() == SendFailure.Reason.NOT_CONNECTED && !jobDone ? Kind.UNAVAILABLE : Kind.FAILED;
            throw failure(kind, e.getMessage(), e.getCause());
        }
        if (log.isDebugEnabled()) {
            // The path only: a result link's query string is what makes it work, so it stays out of logs.
            log.debug("{}: {} {} answered {} in {} ms", backend, request.method(), request.uri().getRawPath(),
                    response.statusCode(), (System.nanoTime() - start) / 1_000_000);
        }
        return response;
    }

    private BackendException statusFailure(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        Optional<String> said = ErrorMessages.from(response.body()).map(this::scrub);
        String detail = said.map(m -> ": " + m).orElse("");
        if (status == 429 || status == 502 || status == 503) {
            Optional<Duration> retryAfter =
                    RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant());
            // A rate limit refuses the call outright; a gateway error or an overloaded server may have started it.
            Kind kind = status == 429 ? Kind.UNAVAILABLE : Kind.BUSY;
            String what = status == 429 ? "the provider is rate limiting (HTTP 429)"
                    : "the provider is unavailable (HTTP " + status + ")";
            return new BackendException(kind, scrub(backend + ": " + what + detail), retryAfter, null);
        }
        if (status == 401 || status == 403) {
            // The provider's text is left out: OpenAI, for one, echoes part of the rejected key.
            return failure(Kind.MISCONFIGURED, "the provider refused the credentials (HTTP " + status
                    + "); check the backend's API key", null);
        }
        if (status == 404 || status == 405) {
            // The endpoint is not there (a wrong base URL or provider type), or the model is not (OpenAI and
            // Ollama answer an unknown model with 404, in words worth passing on): not the client's request.
            return failure(Kind.MISCONFIGURED, "the provider has no such endpoint or model (HTTP " + status + detail
                    + "); check the backend's base URL, type and model", null);
        }
        if (status == 408) {
            return new BackendException(Kind.BUSY, scrub(backend + ": the provider timed out reading the"
                    + " request (HTTP 408)" + detail), Optional.empty(), null);
        }
        if (status / 100 == 3) {
            return failure(Kind.MISCONFIGURED, "the provider answered with a redirect (HTTP " + status
                    + "); set the backend's base URL to the address it redirects to", null);
        }
        if (unsafePromptStatus.isPresent() && status == unsafePromptStatus.getAsInt()) {
            return new BackendException(Kind.UNSAFE_PROMPT, said.orElse("the provider's safety check refused the"
                    + " prompt (HTTP " + status + ")"));
        }
        if (status / 100 == 4) {
            return new BackendException(Kind.REJECTED,
                    said.orElse("the image provider rejected the request (HTTP " + status + ")"));
        }
        return failure(Kind.FAILED, "the provider failed (HTTP " + status + ")" + detail, null);
    }

    private String scrub(String message) {
        String out = message;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return out;
    }
}
