package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.remote.FakeUpstream.Request;
import io.brushwork.engine.remote.FakeUpstream.Response;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.PngEncoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link IoPaintEngine} against a fake IOPaint server that checks requests as IOPaint's FastAPI app does. */
class IoPaintEngineTest extends ProviderContract {

    @Override
    InpaintEngine engine(URI baseUrl, Duration timeout, Clock clock) {
        return new IoPaintEngine(BACKEND, new IoPaintSettings(baseUrl, timeout, Optional.empty()), clock);
    }

    @Override
    String editPath() {
        return "/api/v1/inpaint";
    }

    /** What IOPaint's exception middleware (copied from AUTOMATIC1111) writes for an HTTPException. */
    @Override
    Response error(int status, String message) {
        ObjectNode body = Json.object().put("error", "HTTPException").put("detail", message).put("body", "")
                .put("errors", status + ": " + message);
        return Response.json(status, body.toString());
    }

    @Override
    List<Response> malformedAnswers() {
        return List.of(
                Response.bytes(200, "image/png", "not an image".getBytes(StandardCharsets.UTF_8)),
                Response.bytes(200, "image/png", new byte[0]),
                Response.bytes(200, "image/png", TestPng.truncated()));
    }

    @Override
    Optional<FakeUpstream.Handler> fillingFake(InpaintJob job) {
        return Optional.of(r -> ioPaint(r, job, new AtomicReference<>()));
    }

    /** IOPaint's {@code api_inpaint}: base64 image and mask, white = fill; the image's bytes back with X-Seed. */
    private static Response ioPaint(Request request, InpaintJob job, AtomicReference<JsonNode> sent) throws Exception {
        if (request.path().equals("/api/v1/model")) {
            assertThat(request.method()).isEqualTo("POST");
            JsonNode body = Json.MAPPER.readTree(request.body());
            if (!body.path("name").asText().equals("mat")) {
                return Response.json(500, "{\"error\": \"NotImplementedError\", \"detail\": \"\", \"body\": \"\","
                        + " \"errors\": \"Unsupported model: " + body.path("name").asText() + "\"}");
            }
            return Response.json(200, "{\"name\": \"mat\", \"path\": \"mat\", \"model_type\": \"inpaint\","
                    + " \"support_strength\": false, \"support_outpainting\": false, \"controlnets\": [],"
                    + " \"brushnets\": [], \"support_powerpaint_v2\": false, \"is_single_file_diffusers\": false,"
                    + " \"need_prompt\": false, \"support_controlnet\": false, \"support_brushnet\": false,"
                    + " \"support_lcm_lora\": false}");
        }
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/inpaint");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = Json.MAPPER.readTree(request.body());
        sent.set(body);
        assertThat(body.path("image").isTextual()).isTrue();
        assertThat(body.path("mask").isTextual()).isTrue();
        assertThat(body.path("sd_seed").isInt()).isTrue();
        assertThat(body.path("prompt").isTextual()).isTrue();
        ArgbImage image = decode(Base64.getDecoder().decode(body.path("image").asText()));
        ArgbImage mask = decode(Base64.getDecoder().decode(body.path("mask").asText()));
        assertThat(image.resolution()).isEqualTo(job.image().resolution());
        if (!mask.resolution().equals(image.resolution())) {
            return Response.json(400, "{\"error\": \"HTTPException\", \"detail\": \"Image size and mask size not"
                    + " match.\", \"body\": \"\", \"errors\": \"\"}");
        }
        // IOPaint's mask: thresholded at 127, white (255) = fill. The reverse of Brushwork's upload.
        int[] mpx = mask.pixels();
        for (int i = 0; i < mpx.length; i++) {
            assertThat(mpx[i] & 0xFFFFFF).as("mask at %d", i).isEqualTo(job.mask().isHole(i) ? 0xFFFFFF : 0);
        }
        ArgbImage result = fill(image, i -> (mpx[i] & 0xFF) > 127);
        return Response.bytes(200, "image/png", PngEncoder.encode(result))
                .with("X-Seed", Integer.toString(body.path("sd_seed").asInt()));
    }

    @Test
    void inpaintsWithTheMaskInvertedAndReadsTheRawImageBack() {
        InpaintJob job = job();
        AtomicReference<JsonNode> sent = new AtomicReference<>();
        fake.answer(r -> ioPaint(r, job, sent));

        Inpainted out = engine().inpaint(job);

        fake.verify();
        assertHoleFilled(out.image(), job, 0);
        assertThat(out.prompt()).isEmpty();
        assertThat(out.safe()).isTrue();
        assertThat(sent.get().path("sd_seed").asInt()).isEqualTo(42);
        assertThat(sent.get().path("prompt").asText()).as("the pipeline's prompt")
                .isEqualTo("a red ball, glossy, studio light");
        assertThat(sent.get().path("hd_strategy").asText()).isEqualTo("Crop");
        assertThat(sent.get().path("sd_keep_unmasked_area").asBoolean()).isTrue();
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void aConfiguredModelIsSwitchedToFirst() {
        InpaintJob job = job();
        AtomicReference<JsonNode> sent = new AtomicReference<>();
        fake.answer(r -> ioPaint(r, job, sent));
        InpaintEngine engine = new IoPaintEngine(BACKEND,
                new IoPaintSettings(fake.base(), TIMEOUT, Optional.of("mat")), CLOCK);

        ArgbImage out = engine.inpaint(InpaintJob.of(job.image(), job.mask(), "", 9, "fast")).image();

        fake.verify();
        assertHoleFilled(out, job, 0);
        assertThat(fake.requests()).extracting(Request::path).containsExactly("/api/v1/model", "/api/v1/inpaint");
        assertThat(fake.requests().get(0).text()).isEqualTo("{\"name\":\"mat\"}");
        assertThat(sent.get().path("sd_seed").asInt()).isEqualTo(9);
    }

    @Test
    void aModelIoPaintCannotLoadIsMisconfigured() {
        fake.answer(r -> ioPaint(r, job(), new AtomicReference<>()));
        InpaintEngine engine = new IoPaintEngine(BACKEND,
                new IoPaintSettings(fake.base(), TIMEOUT, Optional.of("no-such-model")), CLOCK);

        BackendException e = catchThrowableOfType(BackendException.class, () -> engine.inpaint(job()));

        assertThat(e.kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(e.getMessage()).contains("no-such-model", "Unsupported model");
        assertThat(fake.requests()).as("no inpaint without the model").hasSize(1);
    }

    @Test
    void fastApiValidationErrorsArePassedOn() {
        BackendException e = failureFor(Response.json(422, "{\"detail\": [{\"type\": \"int_parsing\", \"loc\":"
                + " [\"body\", \"sd_seed\"], \"msg\": \"Input should be a valid integer\", \"input\": \"x\"}]}"));
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.getMessage()).isEqualTo("body.sd_seed: Input should be a valid integer");
    }

    @Test
    void anUnexpectedExceptionIsFailedWithItsText() {
        BackendException e = failureFor(Response.json(500, "{\"error\": \"OutOfMemoryError\", \"detail\": \"\","
                + " \"body\": \"\", \"errors\": \"CUDA out of memory. Tried to allocate 2.00 GiB\"}"));
        assertThat(e.kind()).isEqualTo(Kind.FAILED);
        assertThat(e.getMessage()).contains("CUDA out of memory");
    }

    @Test
    void erasersNeedKnownPixels() {
        assertThat(engine().capabilities()).containsExactly(InpaintEngine.Capability.FILLS_FROM_SURROUNDINGS);
    }
}
