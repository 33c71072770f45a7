package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link OpenAiImagesEngine} against a fake {@code /v1/images/edits} that checks requests as OpenAI does. */
class OpenAiImagesEngineTest extends ProviderContract {
    private static final String KEY = "sk-proj-fake-0123456789abcdefABCDEF";

    @Override
    InpaintEngine engine(URI baseUrl, Duration timeout, Clock clock) {
        // DALL·E 2's small squares keep the error tests cheap; GPT image sizes have their own test.
        return engine(baseUrl, Optional.of(KEY), "dall-e-2", timeout, clock);
    }

    private static InpaintEngine engine(URI baseUrl, Optional<String> key, String model, Duration timeout,
                                        Clock clock) {
        return new OpenAiImagesEngine(BACKEND, new OpenAiImagesSettings(baseUrl, key, model, timeout, List.of()),
                clock);
    }

    @Override
    String editPath() {
        return "/v1/images/edits";
    }

    /** OpenAI's error object. */
    @Override
    Response error(int status, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param")
                .putNull("code");
        return Response.json(status, body.toString());
    }

    @Override
    List<Response> malformedAnswers() {
        return List.of(
                Response.json(200, "{\"created\": 1713833628, \"data\": [{\"b64_json\": \"iVBOR"),
                Response.json(200, "{\"created\": 1713833628, \"data\": []}"),
                Response.json(200, "{\"created\": 1713833628, \"data\": [{\"revised_prompt\": \"x\"}]}"),
                Response.json(200, "{\"data\": [{\"b64_json\": \"" + Base64.getEncoder().encodeToString(
                        "not a png".getBytes(StandardCharsets.UTF_8)) + "\"}]}"),
                Response.json(200, "{\"data\": [{\"b64_json\": \"%%% not base64 %%%\"}]}"));
    }

    @Override
    Optional<String> secret() {
        return Optional.of(KEY);
    }

    @Override
    Optional<FakeUpstream.Handler> fillingFake(InpaintJob job) {
        return Optional.of(r -> openAi(r, job, Optional.of(KEY), Set.of("256x256", "512x512", "1024x1024"), false));
    }

    /** The canvas goes at DALL·E 2's square size. */
    @Override
    int blendMargin() {
        return 2;
    }

    /**
     * OpenAI's edit endpoint: the fields it knows, an RGBA image of an allowed size, a mask of the same size whose
     * fully transparent pixels are edited. Paints them and answers {@code b64_json}, or a link when {@code asUrl}.
     */
    private Response openAi(Request request, InpaintJob job, Optional<String> key, Set<String> sizes,
                            boolean asUrl) {
        if (request.method().equals("GET") && request.path().equals("/files/result.png")) {
            assertThat(request.header("Authorization")).as("no key goes to the result link").isNull();
            return Response.bytes(200, "image/png", lastResult);
        }
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/images/edits");
        if (key.isPresent() && !("Bearer " + key.get()).equals(request.header("Authorization"))) {
            return error(401, "Incorrect API key provided.");
        }
        if (key.isEmpty()) {
            assertThat(request.header("Authorization")).isNull();
        }
        assertThat(request.header("Content-Length")).as("a sized upload, not chunked").isNotNull();
        Map<String, FormParts.Part> form = FormParts.parse(request.header("Content-Type"), request.body());
        assertThat(Set.of("image", "mask", "prompt", "model", "n", "size", "quality", "response_format"))
                .containsAll(form.keySet());
        assertThat(form.get("n").text()).isEqualTo("1");
        assertThat(form.get("prompt").text()).isNotBlank();
        String size = form.get("size").text();
        assertThat(size).isIn(sizes);
        ArgbImage image = decode(form.get("image").content());
        ArgbImage mask = decode(form.get("mask").content());
        assertThat(image.resolution()).isEqualTo(size);
        assertThat(image.hasAlpha()).as("DALL·E 2 wants RGBA").isTrue();
        assertThat(mask.resolution()).isEqualTo(size);
        assertThat(mask.hasAlpha()).isTrue();
        // OpenAI's mask: fully transparent = edit. It must be the job's hole, scaled to the upload size.
        Mask expected = Resize.mask(job.mask(), image.width(), image.height());
        int[] mpx = mask.pixels();
        for (int i = 0; i < mpx.length; i++) {
            assertThat(mpx[i] >>> 24).as("mask alpha at %d", i).isEqualTo(expected.isHole(i) ? 0 : 255);
        }
        lastResult = PngEncoder.encode(fill(image, i -> mpx[i] >>> 24 == 0));
        ObjectNode body = Json.object().put("created", 1713833628);
        if (asUrl) {
            body.putArray("data").addObject().put("url", fake.base() + "/files/result.png?se=2026&sig=abc");
        } else {
            body.putArray("data").addObject().put("b64_json", Base64.getEncoder().encodeToString(lastResult));
        }
        body.putObject("usage").put("total_tokens", 100).put("input_tokens", 50).put("output_tokens", 50);
        return Response.json(200, body.toString());
    }

    private volatile byte[] lastResult;

    private Map<String, FormParts.Part> sentForm() {
        Request r = fake.requests().get(0);
        return FormParts.parse(r.header("Content-Type"), r.body());
    }

    @Test
    void gptImageGetsTheClosestAspectAndTheAnswerComesBackAtThePhotosSize() {
        InpaintJob job = new InpaintJob(job(300, 200, 100, 60, 80, 50).image(), job(300, 200, 100, 60, 80, 50).mask(),
                "a red ball, glossy", "a red ball", 42, "quality", MagicPromptOption.AUTO, StyleType.AUTO);
        fake.answer(r -> openAi(r, job, Optional.of(KEY), Set.of("1024x1024", "1536x1024", "1024x1536"), false));

        Inpainted out = engine(fake.base(), Optional.of(KEY), "gpt-image-1", TIMEOUT, CLOCK).inpaint(job);

        fake.verify();
        assertHoleFilled(out.image(), job, 2);
        assertThat(out.safe()).isTrue();
        assertThat(out.prompt()).isEmpty();
        Map<String, FormParts.Part> form = sentForm();
        assertThat(form.get("size").text()).isEqualTo("1536x1024");
        assertThat(form.get("model").text()).isEqualTo("gpt-image-1");
        assertThat(form.get("prompt").text()).as("the pipeline's prompt").isEqualTo("a red ball, glossy");
        assertThat(form.get("quality").text()).isEqualTo("high");
        assertThat(form).as("GPT image models refuse response_format").doesNotContainKey("response_format");
    }

    @Test
    void dallE2GetsASquareAndAsksForBase64() {
        InpaintJob job = job(300, 200, 100, 60, 80, 50);
        InpaintJob fast = new InpaintJob(job.image(), job.mask(), job.prompt(), job.clientPrompt(), 1, "fast",
                MagicPromptOption.AUTO, StyleType.AUTO);
        fake.answer(r -> openAi(r, job, Optional.of(KEY), Set.of("256x256", "512x512", "1024x1024"), false));

        Inpainted out = engine().inpaint(fast);

        fake.verify();
        assertHoleFilled(out.image(), job, 2);
        Map<String, FormParts.Part> form = sentForm();
        assertThat(form.get("size").text()).as("the smallest square covering 300x200").isEqualTo("512x512");
        assertThat(form.get("response_format").text()).isEqualTo("b64_json");
        assertThat(form).as("presets only matter to GPT image models").doesNotContainKey("quality");
    }

    @Test
    void aCompatibleServerAnsweringWithALinkWithoutAKey() {
        InpaintJob job = job();
        fake.answer(r -> openAi(r, job, Optional.empty(), Set.of("256x256", "512x512", "1024x1024"), true));
        URI withV1 = URI.create(fake.base() + "/v1/");

        ArgbImage out = engine(withV1, Optional.empty(), "stablediffusion", TIMEOUT, CLOCK)
                .inpaint(InpaintJob.of(job.image(), job.mask(), "", 3, "default")).image();

        fake.verify();
        assertHoleFilled(out, job, 2);
        assertThat(fake.requests()).extracting(Request::path)
                .containsExactly("/v1/images/edits", "/files/result.png");
        assertThat(sentForm().get("prompt").text()).as("OpenAI refuses an empty prompt")
                .isEqualTo(OpenAiImagesEngine.FILL_PROMPT);
        assertThat(sentForm().get("size").text()).isEqualTo("256x256");
    }

    @Test
    void revisedPromptIsReported() {
        fake.answer(r -> {
            Response answer = openAi(r, job(), Optional.of(KEY), Set.of("256x256", "512x512", "1024x1024"), false);
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(answer.body());
            ((ObjectNode) body.path("data").path(0)).put("revised_prompt", "a glossy red ball on a table");
            return Response.json(200, body.toString());
        });
        assertThat(engine().inpaint(job()).prompt()).contains("a glossy red ball on a table");
    }

    /** The fields OpenAI's generations endpoint takes. */
    private static final Set<String> GENERATION_FIELDS = Set.of("model", "prompt", "n", "size", "quality",
            "response_format", "background", "moderation", "output_format", "output_compression", "style", "user");

    /**
     * OpenAI's generations and, for a remix, its edits without a mask: checks the request as OpenAI does and
     * answers a {@link #FILL} image of the size asked, as {@code b64_json} or, when {@code asUrl}, as a link.
     */
    private Response openAiGenerative(Request request, Set<String> sizes, boolean asUrl) throws Exception {
        if (request.method().equals("GET") && request.path().equals("/files/result.png")) {
            assertThat(request.header("Authorization")).as("no key goes to the result link").isNull();
            return Response.bytes(200, "image/png", lastResult);
        }
        assertThat(request.method()).isEqualTo("POST");
        if (!("Bearer " + KEY).equals(request.header("Authorization"))) {
            return error(401, "Incorrect API key provided.");
        }
        assertThat(request.header("Accept")).isEqualTo("application/json");
        String size;
        if (request.path().equals("/v1/images/generations")) {
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = Json.MAPPER.readTree(request.body());
            body.fieldNames().forEachRemaining(name -> assertThat(GENERATION_FIELDS).contains(name));
            assertThat(body.path("n").asInt()).isEqualTo(1);
            assertThat(body.path("prompt").asText()).isNotBlank();
            size = body.path("size").asText();
        } else {
            assertThat(request.path()).isEqualTo("/v1/images/edits");
            Map<String, FormParts.Part> form = FormParts.parse(request.header("Content-Type"), request.body());
            assertThat(Set.of("image", "prompt", "model", "n", "size", "quality")).containsAll(form.keySet());
            assertThat(form.get("model").text()).as("an edit without a mask is GPT image's").startsWith("gpt-image");
            assertThat(form.get("n").text()).isEqualTo("1");
            size = form.get("size").text();
            ArgbImage image = decode(form.get("image").content());
            assertThat(image.resolution()).isEqualTo(size);
        }
        assertThat(size).isIn(sizes);
        String[] wh = size.split("x");
        int[] px = new int[Integer.parseInt(wh[0]) * Integer.parseInt(wh[1])];
        java.util.Arrays.fill(px, FILL);
        lastResult = PngEncoder.encode(new ArgbImage(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), px, false));
        ObjectNode body = Json.object().put("created", 1713833628);
        ObjectNode item = body.putArray("data").addObject();
        if (asUrl) {
            item.put("url", fake.base() + "/files/result.png?se=2026&sig=abc");
        } else {
            item.put("b64_json", Base64.getEncoder().encodeToString(lastResult));
        }
        return Response.json(200, body.toString());
    }

    private static GenerateJob generative(Operation operation, Optional<ArgbImage> photo, String negative,
                                          String preset) {
        return new GenerateJob(operation, photo, 1280, 800, "a lighthouse at dusk, oil painting",
                "a lighthouse at dusk", negative, 90, 3, preset, MagicPromptOption.AUTO, StyleType.AUTO,
                Cancellation.NONE);
    }

    private static final Set<String> GPT_SIZES = Set.of("1024x1024", "1536x1024", "1024x1536");

    @Test
    void gptImageServesRemixAndOtherModelsDoNot() {
        assertThat(engine(fake.base(), Optional.of(KEY), "gpt-image-1", TIMEOUT, CLOCK).operations())
                .containsExactlyInAnyOrder(Operation.EDIT, Operation.REFRAME, Operation.GENERATE, Operation.REMIX);
        assertThat(engine().operations()).as("DALL·E 2 edits only what is transparent")
                .containsExactlyInAnyOrder(Operation.EDIT, Operation.REFRAME, Operation.GENERATE);
        assertThat(OpenAiImagesEngine.TYPE.operations())
                .containsExactlyInAnyOrder(Operation.EDIT, Operation.REFRAME, Operation.GENERATE, Operation.REMIX);
        assertThat(engine().workingBytes(generative(Operation.GENERATE, Optional.empty(), "", "default")))
                .as("the answer at the size asked and the provider's").isEqualTo(48L * (1280 * 800 + 1024 * 1024));
        BackendException e = catchThrowableOfType(BackendException.class, () -> engine().run(
                generative(Operation.REMIX, Optional.of(TestImages.photo(64, 48)), "", "default")));
        assertThat(e.kind()).isEqualTo(BackendException.Kind.MISCONFIGURED);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void generatePostsJsonAtTheClosestSizeAndAppendsTheNegativePrompt() throws Exception {
        fake.answer(r -> openAiGenerative(r, GPT_SIZES, false));

        Inpainted out = engine(fake.base(), Optional.of(KEY), "gpt-image-1", TIMEOUT, CLOCK)
                .run(generative(Operation.GENERATE, Optional.empty(), "text, watermarks", "fast"));

        fake.verify();
        assertThat(out.image().resolution()).as("the size asked").isEqualTo("1280x800");
        assertThat(out.image().pixels()).containsOnly(FILL);
        assertThat(out.safe()).isTrue();
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.path())
                .isEqualTo("/v1/images/generations"));
        assertThat(Json.MAPPER.readTree(fake.requests().get(0).body())).isEqualTo(Json.MAPPER.readTree(
                "{\"model\": \"gpt-image-1\", \"prompt\": \"a lighthouse at dusk, oil painting\\nAvoid: text,"
                + " watermarks\", \"n\": 1, \"size\": \"1536x1024\", \"quality\": \"low\"}"));
    }

    @Test
    void dallE2GenerationAsksForBase64AndALinkIsDownloadedAnyway() throws Exception {
        fake.answer(r -> openAiGenerative(r, Set.of("256x256", "512x512", "1024x1024"), true));

        Inpainted out = engine().run(generative(Operation.GENERATE, Optional.empty(), "", "quality"));

        fake.verify();
        assertThat(out.image().resolution()).isEqualTo("1280x800");
        assertThat(out.image().pixels()).containsOnly(FILL);
        assertThat(fake.requests()).extracting(Request::path)
                .containsExactly("/v1/images/generations", "/files/result.png");
        assertThat(Json.MAPPER.readTree(fake.requests().get(0).body())).isEqualTo(Json.MAPPER.readTree(
                "{\"model\": \"dall-e-2\", \"prompt\": \"a lighthouse at dusk, oil painting\", \"n\": 1,"
                + " \"size\": \"1024x1024\", \"response_format\": \"b64_json\"}"));
    }

    @Test
    void remixIsAnEditWithoutAMask() {
        ArgbImage photo = TestImages.photo(64, 48);
        fake.answer(r -> openAiGenerative(r, GPT_SIZES, false));

        Inpainted out = engine(fake.base(), Optional.of(KEY), "gpt-image-1", TIMEOUT, CLOCK)
                .run(generative(Operation.REMIX, Optional.of(photo), "", "quality"));

        fake.verify();
        assertThat(out.image().resolution()).isEqualTo("1280x800");
        assertThat(out.image().pixels()).containsOnly(FILL);
        Map<String, FormParts.Part> form = sentForm();
        assertThat(form.keySet()).containsExactlyInAnyOrder("image", "prompt", "model", "n", "size", "quality");
        assertThat(form.get("prompt").text()).isEqualTo("a lighthouse at dusk, oil painting");
        assertThat(form.get("size").text()).isEqualTo("1536x1024");
        assertThat(form.get("quality").text()).isEqualTo("high");
        ArgbImage sent = decode(form.get("image").content());
        assertThat(sent.hasAlpha()).isTrue();
        assertThat(sent.pixels()).as("the photo, cropped to the size's shape and resized").isEqualTo(
                new ArgbImage(1536, 1024, Resize.cover(photo, 1536, 1024).pixels(), true).pixels());
    }

    @Test
    void anAnswerWithoutAnImageIsFailedForGenerateAndRemix() {
        InpaintEngine gpt = engine(fake.base(), Optional.of(KEY), "gpt-image-1", TIMEOUT, CLOCK);
        for (String answer : List.of("{\"created\": 1713833628, \"data\": []}", "{\"created\": 1}",
                "{\"data\": [{\"revised_prompt\": \"x\"}]}")) {
            fake.answer(r -> Response.json(200, answer));
            for (GenerateJob job : List.of(generative(Operation.GENERATE, Optional.empty(), "", "default"),
                    generative(Operation.REMIX, Optional.of(TestImages.photo(64, 48)), "", "default"))) {
                BackendException e = catchThrowableOfType(BackendException.class, () -> gpt.run(job));
                assertThat(e).as("%s answered %s", job.operation(), answer).isNotNull();
                assertThat(e.kind()).isEqualTo(BackendException.Kind.FAILED);
                assertThat(e.getMessage()).contains(BACKEND, "data[0]");
            }
        }
    }

    @Test
    void sizesFollowTheAspectThenTheSmallestThatCovers() {
        List<ImageSize> gpt = List.of(ImageSize.parse("1024x1024"), ImageSize.parse("1536x1024"),
                ImageSize.parse("1024x1536"));
        assertThat(ImageSize.closest(gpt, 640, 480)).isEqualTo(new ImageSize(1536, 1024));
        assertThat(ImageSize.closest(gpt, 480, 640)).isEqualTo(new ImageSize(1024, 1536));
        assertThat(ImageSize.closest(gpt, 1100, 1000)).isEqualTo(new ImageSize(1024, 1024));
        assertThat(ImageSize.closest(gpt, 4000, 1000)).isEqualTo(new ImageSize(1536, 1024));
        List<ImageSize> dallE2 = List.of(new ImageSize(256, 256), new ImageSize(512, 512),
                new ImageSize(1024, 1024));
        assertThat(ImageSize.closest(dallE2, 200, 100)).isEqualTo(new ImageSize(256, 256));
        assertThat(ImageSize.closest(dallE2, 1000, 1000)).isEqualTo(new ImageSize(1024, 1024));
        assertThat(ImageSize.closest(dallE2, 4000, 3000)).as("the largest when none covers")
                .isEqualTo(new ImageSize(1024, 1024));
        assertThat(new OpenAiImagesSettings(null, Optional.empty(), "gpt-image-1", TIMEOUT,
                List.of(ImageSize.parse("512x512"))).allowedSizes()).containsExactly(new ImageSize(512, 512));
    }

    @Test
    void settingsResolveTheEndpointAndNeverShowTheKey() {
        OpenAiImagesSettings settings = new OpenAiImagesSettings(null, Optional.of(KEY), "dall-e-2", TIMEOUT,
                null);
        assertThat(settings.editsUri()).isEqualTo(URI.create("https://api.openai.com/v1/images/edits"));
        assertThat(settings.toString()).doesNotContain(KEY);
        assertThat(new OpenAiImagesSettings(URI.create("http://gw.local/openai/v1"), Optional.of(" "), "m",
                TIMEOUT, List.of()).editsUri()).isEqualTo(URI.create("http://gw.local/openai/v1/images/edits"));
    }
}
