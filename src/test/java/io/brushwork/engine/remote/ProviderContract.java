package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Operation;
import io.brushwork.engine.ReframeJob;
import io.brushwork.engine.remote.FakeUpstream.Response;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.Mask;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import io.brushwork.testing.TestImages;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every remote engine must do whatever its provider, each test against the provider's fake on loopback: how
 * each way of failing maps to a {@link BackendException} kind, and that no secret reaches a message. Subclasses say
 * how their provider writes errors and what a broken answer looks like, and test their protocol themselves.
 */
abstract class ProviderContract {
    static final String BACKEND = "upstream-under-test";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T05:57:17Z"), ZoneOffset.UTC);
    /** Long enough for a loaded 2-core machine; the timeout test uses its own short one. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int FILL = 0xFF10C020;

    final FakeUpstream fake = new FakeUpstream();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    abstract InpaintEngine engine(URI baseUrl, Duration timeout, Clock clock);

    /** Where the provider takes the edit. */
    abstract String editPath();

    /** An error answer in the provider's own shape, carrying {@code message}. */
    abstract Response error(int status, String message);

    /** 2xx answers the engine cannot use. */
    abstract List<Response> malformedAnswers();

    /** The secret the engine is configured with, if the provider takes one. */
    Optional<String> secret() {
        return Optional.empty();
    }

    InpaintEngine engine() {
        return engine(fake.base(), TIMEOUT, CLOCK);
    }

    /**
     * The provider's fake edit of {@code job}, for an engine that serves a reframe as an edit of the new canvas
     * with its border masked; empty for one with a reframe of its own.
     */
    Optional<FakeUpstream.Handler> fillingFake(InpaintJob job) {
        return Optional.empty();
    }

    /** How far from the hole's edge a provider that works at another size may blend pixels. */
    int blendMargin() {
        return 0;
    }

    /** A 64x48 photo with a 16x16 hole; the prompt the pipeline would send differs from the client's. */
    static InpaintJob job() {
        return job(64, 48, 20, 12, 16, 16);
    }

    static InpaintJob job(int w, int h, int... holeRects) {
        return new InpaintJob(TestImages.photo(w, h), Mask.fromImage(TestImages.mask(w, h, holeRects)),
                "a red ball, glossy, studio light", "a red ball", 42, "default", MagicPromptOption.AUTO,
                StyleType.AUTO);
    }

    static ArgbImage decode(byte[] bytes) {
        try {
            return new ImageDecoder(50_000_000).decode(bytes);
        } catch (InvalidImageException e) {
            throw new AssertionError("not an image: " + e.getMessage());
        }
    }

    /** The photo with every pixel that {@code isHole} marks painted {@link #FILL}: what each fake "generates". */
    static ArgbImage fill(ArgbImage image, java.util.function.IntPredicate isHole) {
        int[] px = image.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            if (isHole.test(i)) {
                px[i] = FILL;
            }
        }
        return new ArgbImage(image.width(), image.height(), px, image.hasAlpha());
    }

    /**
     * The result has the photo's size and the hole is painted. Pixels within {@code margin} of the hole's edge may
     * be blends where the provider worked at another size; with margin 0, known pixels must be untouched as well.
     */
    static void assertHoleFilled(ArgbImage out, InpaintJob job, int margin) {
        ArgbImage in = job.image();
        Mask mask = job.mask();
        assertThat(out.width()).isEqualTo(in.width());
        assertThat(out.height()).isEqualTo(in.height());
        int checked = 0;
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                int i = y * in.width() + x;
                if (mask.isHole(i) && interior(mask, x, y, margin)) {
                    assertThat(out.pixels()[i] | 0xFF000000).as("hole pixel %d,%d", x, y).isEqualTo(FILL);
                    checked++;
                } else if (!mask.isHole(i) && margin == 0) {
                    assertThat(out.pixels()[i]).as("known pixel %d,%d", x, y).isEqualTo(in.pixels()[i]);
                }
            }
        }
        assertThat(checked).as("hole pixels checked").isPositive();
    }

    private static boolean interior(Mask mask, int x, int y, int margin) {
        for (int dy = -margin; dy <= margin; dy++) {
            for (int dx = -margin; dx <= margin; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= mask.width() || ny >= mask.height() || !mask.isHole(nx, ny)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Runs the job against an edit endpoint that answers {@code response} and returns what it threw. */
    BackendException failureFor(Response response) {
        fake.answer(request -> request.path().equals(editPath()) ? response
                : Response.json(404, "{\"detail\":\"Not Found\"}"));
        BackendException e = catchThrowableOfType(BackendException.class,
                () -> engine().inpaint(job()));
        assertThat(e).as("a BackendException for HTTP %d", response.status()).isNotNull();
        return e;
    }

    @Test
    void isNamedAsConfiguredAndTakesTheUsualPresets() {
        InpaintEngine engine = engine();
        assertThat(engine.name()).isEqualTo(BACKEND);
        assertThat(engine.presets()).isEqualTo(Set.of("default", "fast", "quality"));
        assertThat(engine.workingBytes(job().mask())).isPositive();
        assertThatThrownBy(() -> engine.inpaint(new InpaintJob(job().image(), job().mask(), "p", "p", 1, "turbo",
                MagicPromptOption.AUTO, StyleType.AUTO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("turbo");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aReframeIsAnEditOfTheCanvasWithItsBorderMasked() {
        InpaintJob canvas = job(64, 48, 0, 0, 64, 8, 0, 40, 64, 8);
        if (fillingFake(canvas).isEmpty()) {
            return;
        }
        fake.answer(fillingFake(canvas).get());

        Inpainted out = engine().run(new ReframeJob(TestImages.photo(64, 32), 64, 48, canvas));

        fake.verify();
        assertHoleFilled(out.image(), canvas, blendMargin());
        assertThat(engine().operations()).contains(Operation.EDIT, Operation.REFRAME);
    }

    @Test
    void connectionRefusedIsUnavailable() {
        BackendException e = catchThrowableOfType(BackendException.class,
                () -> engine(FakeUpstream.deadAddress(), TIMEOUT, CLOCK).inpaint(job()));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains(BACKEND, "could not connect");
    }

    @Test
    void rateLimitIsUnavailableWithRetryAfterInSeconds() {
        BackendException e = failureFor(error(429, "Too many requests").with("Retry-After", "7"));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains(BACKEND, "429");
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                CLOCK.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));
        BackendException e = failureFor(error(503, "Service Unavailable").with("Retry-After", date));
        assertThat(e.kind()).isEqualTo(Kind.BUSY);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void aCallReceivedAndRefusedIsBusyNotUnavailable() {
        // The provider got it, so it may have started (and charged for) it: not the "started nothing" kind.
        for (int status : new int[] {408, 502, 503}) {
            BackendException e = failureFor(error(status, "upstream is restarting"));
            assertThat(e.kind()).as("HTTP %d", status).isEqualTo(Kind.BUSY);
            assertThat(e.retryAfter()).isEmpty();
        }
    }

    @Test
    void badRequestIsRejectedWithTheProvidersOwnWords() {
        BackendException e = failureFor(error(400, "The mask must be the same size as the image."));
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.getMessage()).isEqualTo("The mask must be the same size as the image.");
    }

    @Test
    void rejectedWithoutAReadableMessageSaysTheStatus() {
        BackendException e = failureFor(Response.bytes(400, "text/html", "<h1>Bad Request</h1>".getBytes()));
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.getMessage()).contains("400").doesNotContain("<h1>");
    }

    /** A missing endpoint is a wrong base URL or type, the operator's to fix, not the client's request. */
    @Test
    void aMissingEndpointIsMisconfigured() {
        BackendException e = failureFor(Response.bytes(404, "text/html", "<h1>Not Found</h1>".getBytes()));
        assertThat(e.kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(e.getMessage()).contains("404").contains("base URL").doesNotContain("<h1>");
    }

    @Test
    void aRedirectFromTheApiIsMisconfigured() {
        BackendException e = failureFor(new Response(301, java.util.Map.of("Location", "https://elsewhere.example/"),
                new byte[0]));
        assertThat(e.kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(e.getMessage()).contains(BACKEND, "301", "base URL");
    }

    @Test
    void refusedCredentialsAreMisconfigured() {
        for (int status : new int[] {401, 403}) {
            BackendException e = failureFor(error(status, "Invalid credentials"));
            assertThat(e.kind()).as("HTTP %d", status).isEqualTo(Kind.MISCONFIGURED);
            assertThat(e.getMessage()).contains(BACKEND, Integer.toString(status));
        }
    }

    @Test
    void serverErrorsAreFailed() {
        for (int status : new int[] {500, 504}) {
            BackendException e = failureFor(error(status, "model crashed"));
            assertThat(e.kind()).as("HTTP %d", status).isEqualTo(Kind.FAILED);
            assertThat(e.getMessage()).contains(BACKEND, Integer.toString(status), "model crashed");
        }
    }

    @Test
    void timeoutAfterSendingIsFailed() {
        fake.hang();
        long start = System.nanoTime();
        BackendException e = catchThrowableOfType(BackendException.class,
                () -> engine(fake.base(), Duration.ofMillis(300), CLOCK).inpaint(job()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
        assertThat(e.getMessage()).contains(BACKEND, "no answer within 300 ms");
        assertThat(millis).isLessThan(3_000);
        assertThat(fake.requests()).as("the request was sent").isNotEmpty();
    }

    @Test
    void malformedAnswersAreFailed() {
        for (Response answer : malformedAnswers()) {
            BackendException e = failureFor(answer);
            assertThat(e.kind()).as(new String(answer.body())).isEqualTo(Kind.FAILED);
            assertThat(e.getMessage()).contains(BACKEND);
        }
    }

    @Test
    void noSecretInAnyMessage() {
        if (secret().isEmpty()) {
            return;
        }
        String key = secret().get();
        for (int status : new int[] {400, 401, 403, 422, 429, 500, 503}) {
            BackendException e = failureFor(error(status, "Incorrect API key provided: " + key));
            assertThat(e.getMessage()).as("HTTP %d", status).doesNotContain(key);
        }
        fake.hang();
        BackendException timeout = catchThrowableOfType(BackendException.class,
                () -> engine(fake.base(), Duration.ofMillis(300), CLOCK).inpaint(job()));
        assertThat(timeout.getMessage()).doesNotContain(key);
        BackendException refused = catchThrowableOfType(BackendException.class,
                () -> engine(FakeUpstream.deadAddress(), TIMEOUT, CLOCK).inpaint(job()));
        assertThat(refused.getMessage()).doesNotContain(key);
    }
}
