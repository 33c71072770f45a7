package io.brushwork.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brushwork.store.RandomIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The answers Jetty gives before a request reaches the routes (a request line or headers it cannot parse, headers
 * too large) in the same shape as every other error: Ideogram's {@code {"error": ...}} with an {@code X-Request-Id},
 * instead of Jetty's HTML page.
 */
final class JsonErrors extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message a client can act on for the statuses Jetty sends itself; Jetty's reason for the rest. */
    static String describe(int status, String reason) {
        return switch (status) {
            case 431 -> "the request's headers are too large; send fewer or shorter headers";
            case 414 -> "the request's URL is too long";
            case 400 -> "the request could not be read as HTTP" + (reason == null || reason.isBlank() ? ""
                    : " (" + reason + ")");
            default -> reason == null || reason.isBlank() ? "the request failed (HTTP " + status + ")" : reason;
        };
    }

    private static byte[] body(int status, String reason) {
        try {
            return JSON.writeValueAsBytes(Map.of("error", describe(status, reason)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a one-field map is always JSON", e);
        }
    }

    /** Headers or a request line Jetty could not parse: it writes this body itself. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = RandomIds.next(12);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(new HttpField(RequestIds.HEADER, requestId));
        AccessLog.unrouted(requestId, status, "bad_message");
        fields.put(new HttpField("X-Content-Type-Options", "nosniff"));
        return ByteBuffer.wrap(body(status, reason));
    }

    /** Any other error Jetty answers on its own, after the request was parsed. */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        response.setContentType("application/json");
        if (response.getHeader(RequestIds.HEADER) == null) {
            response.setHeader(RequestIds.HEADER, RandomIds.next(12));
        }
        AccessLog.unrouted(response.getHeader(RequestIds.HEADER), code, "jetty_error");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(body(code, message));
        baseRequest.setHandled(true);
    }
}
