package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.Cancellation;
import io.brushwork.engine.GenerateJob;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Operation;
import io.brushwork.engine.remote.FakeUpstream.Request;
import io.brushwork.engine.remote.FakeUpstream.Response;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.image.PngEncoder;
import io.brushwork.image.Resize;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import io.brushwork.testing.TestImages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    @Override
    Optional<FakeUpstream.Handler> fillingFake(InpaintJob job) {
        return Optional.of(r -> webUi(r, job, new AtomicReference<>()));
    }

    /** The mask is resized to the latent grid. */
    @Override
    int blendMargin() {
        return 2;
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

    /** What txt2img and img2img both take, as the WebUI's API models list them (a subset: the ones sent). */
    private static final Set<String> COMMON = Set.of("prompt", "negative_prompt", "seed", "subseed_strength",
            "width", "height", "steps", "sampler_name", "batch_size", "n_iter", "send_images", "save_images");

    /**
     * The WebUI's txt2img, and img2img without a mask: Basic auth, a size on the latent grid, an init image of that
     * size for img2img. Answers a {@link #FILL} image of the size asked.
     */
    private static Response webUiGenerative(Request request, AtomicReference<JsonNode> sent) throws Exception {
        assertThat(request.method()).isEqualTo("POST");
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString(AUTH.getBytes(StandardCharsets.UTF_8));
        if (!expectedAuth.equals(request.header("Authorization"))) {
            return Response.json(401, "{\"detail\": \"Incorrect username or password\"}");
        }
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = Json.MAPPER.readTree(request.body());
        sent.set(body);
        Set<String> fields = new HashSet<>(COMMON);
        if (request.path().equals("/sdapi/v1/img2img")) {
            fields.addAll(Set.of("init_images", "denoising_strength", "resize_mode"));
            assertThat(body.has("mask")).as("a remix has no mask").isFalse();
            assertThat(body.path("init_images")).hasSize(1);
            ArgbImage init = decode(Base64.getDecoder().decode(body.path("init_images").path(0).asText()));
            assertThat(init.width()).isEqualTo(body.path("width").asInt());
            assertThat(init.height()).isEqualTo(body.path("height").asInt());
        } else {
            assertThat(request.path()).isEqualTo("/sdapi/v1/txt2img");
        }
        body.fieldNames().forEachRemaining(name -> assertThat(fields).contains(name));
        int width = body.path("width").asInt();
        int height = body.path("height").asInt();
        assertThat(width % 8).isZero();
        assertThat(height % 8).isZero();
        int[] px = new int[width * height];
        java.util.Arrays.fill(px, FILL);
        ObjectNode answer = Json.object();
        answer.putArray("images").add(Base64.getEncoder().encodeToString(PngEncoder.encode(
                new ArgbImage(width, height, px, false))));
        answer.set("parameters", body);
        answer.put("info", "{\"seed\": " + body.path("seed").asInt() + "}");
        return Response.json(200, answer.toString());
    }

    private static GenerateJob generative(Operation operation, Optional<ArgbImage> photo, int imageWeight) {
        return new GenerateJob(operation, photo, 1020, 764, "a lighthouse at dusk, oil painting",
                "a lighthouse at dusk", "blurry, text", imageWeight, 31, "fast", MagicPromptOption.AUTO,
                StyleType.AUTO, Cancellation.NONE);
    }

    @Test
    void servesGenerateAndRemixBesideItsInpaint() {
        assertThat(engine().operations()).containsExactlyInAnyOrder(Operation.EDIT, Operation.REFRAME,
                Operation.GENERATE, Operation.REMIX);
        assertThat(SdWebUiEngine.TYPE.operations()).isEqualTo(engine().operations());
        assertThat(engine().workingBytes(generative(Operation.REMIX, Optional.of(TestImages.photo(64, 48)), 50)))
                .isGreaterThan(engine().workingBytes(generative(Operation.GENERATE, Optional.empty(), 50)));
    }

    @Test
    void generateGoesToTxt2imgOnTheGridAndComesBackAtTheSizeAsked() throws Exception {
        AtomicReference<JsonNode> sent = new AtomicReference<>();
        fake.answer(r -> webUiGenerative(r, sent));

        Inpainted out = engine().run(generative(Operation.GENERATE, Optional.empty(), 50));

        fake.verify();
        assertThat(out.image().resolution()).isEqualTo("1020x764");
        assertThat(out.image().pixels()).containsOnly(FILL);
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.path())
                .isEqualTo("/sdapi/v1/txt2img"));
        assertThat(sent.get()).isEqualTo(Json.MAPPER.readTree("{\"prompt\": \"a lighthouse at dusk, oil painting\","
                + " \"negative_prompt\": \"blurry, text\", \"seed\": 31, \"subseed_strength\": 0, \"width\": 1024,"
                + " \"height\": 768, \"steps\": 24, \"sampler_name\": \"DPM++ 2M\", \"batch_size\": 1, \"n_iter\": 1,"
                + " \"send_images\": true, \"save_images\": false}"));
    }

    @Test
    void remixIsImg2imgWithoutAMaskItsStrengthFromTheImageWeight() {
        ArgbImage photo = TestImages.photo(96, 48); // 2:1, remixed to 4:3
        AtomicReference<JsonNode> sent = new AtomicReference<>();
        fake.answer(r -> webUiGenerative(r, sent));

        Inpainted out = engine().run(generative(Operation.REMIX, Optional.of(photo), 30));

        fake.verify();
        assertThat(out.image().resolution()).isEqualTo("1020x764");
        assertThat(out.image().pixels()).containsOnly(FILL);
        assertThat(fake.requests().get(0).path()).isEqualTo("/sdapi/v1/img2img");
        JsonNode body = sent.get();
        assertThat(body.path("denoising_strength").asDouble()).isCloseTo(0.7, within(1e-9));
        assertThat(body.path("negative_prompt").asText()).isEqualTo("blurry, text");
        assertThat(body.path("seed").asInt()).isEqualTo(31);
        assertThat(body.path("width").asInt()).isEqualTo(1024);
        assertThat(body.path("height").asInt()).isEqualTo(768);
        assertThat(body.path("steps").asInt()).isEqualTo(24);
        ArgbImage init = decode(Base64.getDecoder().decode(body.path("init_images").path(0).asText()));
        assertThat(init.pixels()).as("the photo cropped to the shape asked, on the grid")
                .isEqualTo(Resize.cover(photo, 1024, 768).pixels())
                .isNotEqualTo(Resize.bilinear(photo, 1024, 768).pixels());
    }

    @Test
    void remixStrengthStaysBetweenCopyingAndIgnoringThePhoto() {
        assertThat(SdWebUiEngine.remixStrength(1)).isEqualTo(0.95);
        assertThat(SdWebUiEngine.remixStrength(50)).isEqualTo(0.5);
        assertThat(SdWebUiEngine.remixStrength(100)).isEqualTo(0.05);
    }

    @Test
    void anAnswerWithoutImagesIsFailedForGenerateAndRemix() {
        for (String answer : List.of("{\"images\": []}", "{\"images\": null}", "{\"parameters\": {}}")) {
            fake.answer(r -> Response.json(200, answer));
            for (GenerateJob job : List.of(generative(Operation.GENERATE, Optional.empty(), 50),
                    generative(Operation.REMIX, Optional.of(TestImages.photo(64, 48)), 50))) {
                BackendException e = catchThrowableOfType(BackendException.class, () -> engine().run(job));
                assertThat(e).as("%s answered %s", job.operation(), answer).isNotNull();
                assertThat(e.kind()).isEqualTo(BackendException.Kind.FAILED);
                assertThat(e.getMessage()).contains(BACKEND, "images[0]");
            }
        }
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
