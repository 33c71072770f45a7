package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.remote.FakeUpstream.Request;
import io.brushwork.engine.remote.FakeUpstream.Response;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.image.PngEncoder;
import io.brushwork.image.Resize;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link SdWebUiEngine} against a fake AUTOMATIC1111/Forge {@code --api} server started with {@code --api-auth}. */
class SdWebUiEngineTest extends ProviderContract {
    private static final String PASSWORD = "s3cret-pass-4711-zz";
    private static final String AUTH = "brush:" + PASSWORD;

    @Override
    InpaintEngine engine(URI baseUrl, Duration timeout, Clock clock) {
        return new SdWebUiEngine(BACKEND, settings(baseUrl, timeout), clock);
    }

    private static SdWebUiSettings settings(URI baseUrl, Duration timeout) {
        return new SdWebUiSettings(baseUrl, timeout, 0.6, 1, false, 24, Optional.of("DPM++ 2M"),
                Optional.of(AUTH));
    }

    @Override
    String editPath() {
        return "/sdapi/v1/img2img";
    }

    /** The WebUI's API middleware shape for an HTTPException. */
    @Override
    Response error(int status, String message) {
        ObjectNode body = Json.object().put("error", "HTTPException").put("detail", message).put("body", "")
                .put("errors", "");
        return Response.json(status, body.toString());
    }

    @Override
    List<Response> malformedAnswers() {
        return List.of(
                Response.json(200, "{\"images\": [\"iVBORw0KGgo"),
                Response.json(200, "{\"images\": [], \"parameters\": {}, \"info\": \"{}\"}"),
                Response.json(200, "{\"images\": null}"),
                Response.json(200, "{\"images\": [\"" + Base64.getEncoder().encodeToString(TestPng.truncated())
                        + "\"]}"),
                Response.bytes(200, "text/plain", "Internal Server Error".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    Optional<String> secret() {
        return Optional.of(PASSWORD);
    }

    /**
     * The WebUI's img2img in inpaint mode: Basic auth, base64 images whose size is the requested multiple of 8, a
     * mask of the same size, white = inpaint. Paints the white part and answers with the result and, as the WebUI
     * does with some extensions, an extra image after it.
     */
    private static Response webUi(Request request, InpaintJob job, AtomicReference<JsonNode> sent)
            throws Exception {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/sdapi/v1/img2img");
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString(AUTH.getBytes(StandardCharsets.UTF_8));
        if (!expectedAuth.equals(request.header("Authorization"))) {
            return Response.json(401, "{\"detail\": \"Incorrect username or password\"}");
        }
        JsonNode body = Json.MAPPER.readTree(request.body());
        sent.set(body);
        int width = body.path("width").asInt();
        int height = body.path("height").asInt();
        assertThat(width % 8).isZero();
        assertThat(height % 8).isZero();
        assertThat(body.path("init_images")).hasSize(1);
        assertThat(body.path("batch_size").asInt()).isEqualTo(1);
        ArgbImage image = decode(Base64.getDecoder().decode(body.path("init_images").path(0).asText()));
        ArgbImage mask = decode(Base64.getDecoder().decode(body.path("mask").asText()));
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        assertThat(mask.resolution()).isEqualTo(image.resolution());
        // The WebUI's mask: white = inpaint, black = keep; the job's hole scaled to the working size.
        Mask expected = Resize.mask(job.mask(), width, height);
        int[] mpx = mask.pixels();
        for (int i = 0; i < mpx.length; i++) {
            assertThat(mpx[i] & 0xFFFFFF).as("mask at %d", i).isEqualTo(expected.isHole(i) ? 0xFFFFFF : 0);
        }
        ArgbImage result = fill(image, i -> (mpx[i] & 0xFF) > 127);
        ObjectNode answer = Json.object();
        answer.putArray("images").add(Base64.getEncoder().encodeToString(PngEncoder.encode(result)))
                .add(Base64.getEncoder().encodeToString(PngEncoder.encode(mask)));
        answer.set("parameters", body);
        answer.put("info", "{\"seed\": " + body.path("seed").asInt() + ", \"all_seeds\": ["
                + body.path("seed").asInt() + "]}");
        return Response.json(200, answer.toString());
    }

    @Test
    void inpaintsAtMultiplesOfEightAndResizesBack() {
        InpaintJob job = job(70, 45, 20, 10, 24, 20);
        AtomicReference<JsonNode> sent = new AtomicReference<>();
        fake.answer(r -> webUi(r, job, sent));

        Inpainted out = engine().inpaint(job);

        fake.verify();
        assertHoleFilled(out.image(), job, 2);
        JsonNode body = sent.get();
        assertThat(body.path("width").asInt()).isEqualTo(72);
        assertThat(body.path("height").asInt()).isEqualTo(48);
        assertThat(body.path("prompt").asText()).isEqualTo("a red ball, glossy, studio light");
        assertThat(body.path("seed").asInt()).isEqualTo(42);
        assertThat(body.path("denoising_strength").asDouble()).isEqualTo(0.6);
        assertThat(body.path("inpainting_fill").asInt()).isEqualTo(1);
        assertThat(body.path("inpaint_full_res").asBoolean()).isFalse();
        assertThat(body.path("steps").asInt()).isEqualTo(24);
        assertThat(body.path("sampler_name").asText()).isEqualTo("DPM++ 2M");
    }

    @Test
    void aPhotoAlreadyOnTheGridIsSentAsItIs() {
        InpaintJob job = job();
        AtomicReference<JsonNode> sent = new AtomicReference<>();
        fake.answer(r -> webUi(r, job, sent));

        ArgbImage out = engine().inpaint(InpaintJob.of(job.image(), job.mask(), "a red ball", 5, "quality")).image();

        fake.verify();
        assertHoleFilled(out, job, 0);
        assertThat(sent.get().path("width").asInt()).isEqualTo(64);
        assertThat(sent.get().path("height").asInt()).isEqualTo(48);
        assertThat(sent.get().path("seed").asInt()).isEqualTo(5);
    }

    @Test
    void defaultsAndChecks() {
        SdWebUiSettings defaults = SdWebUiSettings.defaults(URI.create("http://gpu.local:7860/"), TIMEOUT);
        assertThat(defaults.denoisingStrength()).isEqualTo(0.75);
        assertThat(defaults.inpaintingFill()).isEqualTo(1);
        assertThat(defaults.img2imgUri()).isEqualTo(URI.create("http://gpu.local:7860/sdapi/v1/img2img"));
        assertThat(settings(fake.base(), TIMEOUT).toString()).doesNotContain(PASSWORD);
        assertThat(SdWebUiEngine.multipleOf8(45)).isEqualTo(48);
        assertThat(SdWebUiEngine.multipleOf8(70)).isEqualTo(72);
        assertThat(SdWebUiEngine.multipleOf8(3)).isEqualTo(8);
        assertThatThrownBy(() -> new SdWebUiSettings(fake.base(), TIMEOUT, 1.5, 1, false, 20, Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SdWebUiSettings(fake.base(), TIMEOUT, 0.5, 4, false, 20, Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(engine().capabilities()).isEmpty();
    }
}
