package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.Cancellation;
import io.brushwork.engine.GenerateJob;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Job;
import io.brushwork.engine.Operation;
import io.brushwork.engine.ReframeJob;
import io.brushwork.engine.UpscaleJob;
import io.brushwork.engine.remote.FakeUpstream.Request;
import io.brushwork.engine.remote.FakeUpstream.Response;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.image.PngEncoder;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import io.brushwork.testing.TestImages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link IdeogramEngine} against a fake {@code api.ideogram.ai} that checks requests as Ideogram's edit does. */
class IdeogramEngineTest extends ProviderContract {
    private static final String KEY = "ideogram-key-7f3a9c21e5d04b68";
    private static final String REWRITE = "A glossy red rubber ball resting on a wooden floor, soft window light";

    /** Result images the fake serves, by path, as Ideogram's ephemeral links do. */
    private final Map<String, byte[]> results = new ConcurrentHashMap<>();
    private final AtomicInteger made = new AtomicInteger();

    @Override
    InpaintEngine engine(URI baseUrl, Duration timeout, Clock clock) {
        return new IdeogramEngine(BACKEND, new IdeogramSettings(baseUrl, KEY, timeout, "V_2_TURBO"), clock);
    }

    @Override
    String editPath() {
        return "/edit";
    }

    /** Ideogram's errors are flat: {@code {"error": "..."}}. */
    @Override
    Response error(int status, String message) {
        ObjectNode body = Json.object().put("error", message);
        return Response.json(status, body.toString());
    }

    @Override
    List<Response> malformedAnswers() {
        return List.of(
                Response.json(200, "{\"created\": \"2026-11-24T05:57:17+00:00\", \"data\": [{\"url\""),
                Response.json(200, "[]"),
                Response.json(200, "{\"created\": \"2026-11-24T05:57:17+00:00\", \"data\": []}"),
                Response.json(200, "{\"data\": [{\"url\": null, \"is_image_safe\": true}]}"),
                Response.json(200, "{\"data\": [{\"url\": \"" + fake.base() + "/results/gone.png\"}]}"),
                Response.bytes(200, "text/html", "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    Optional<String> secret() {
        return Optional.of(KEY);
    }

    /** Ideogram's edit: checks what Ideogram checks, paints the black part of the mask, answers with a link. */
    private Response ideogram(Request request, InpaintJob job, boolean safe) {
        if (request.method().equals("GET") && results.containsKey(request.path())) {
            assertThat(request.header("Api-Key")).as("no key goes to the result link").isNull();
            assertThat(request.query()).as("the link's signature is kept").contains("sig=");
            return Response.bytes(200, "image/png", results.get(request.path()));
        }
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/edit");
        if (!KEY.equals(request.header("Api-Key"))) {
            return error(401, "Unauthorized");
        }
        assertThat(request.header("Content-Length")).as("a sized upload, not chunked").isNotNull();
        Map<String, FormParts.Part> form = FormParts.parse(request.header("Content-Type"), request.body());
        assertThat(Set.of("image_file", "mask", "prompt", "model", "magic_prompt_option", "seed", "num_images",
                "style_type")).containsAll(form.keySet());
        assertThat(form.get("image_file").filename()).isNotBlank();
        assertThat(form.get("mask").filename()).isNotBlank();
        assertThat(form.get("model").text()).isIn("V_2", "V_2_TURBO");
        assertThat(form.get("magic_prompt_option").text()).isIn("AUTO", "ON", "OFF");
        assertThat(form.get("num_images").text()).isEqualTo("1");
        ArgbImage image = decode(form.get("image_file").content());
        ArgbImage mask = decode(form.get("mask").content());
        assertThat(image.resolution()).isEqualTo(job.image().resolution());
        assertThat(mask.resolution()).isEqualTo(image.resolution());
        // Ideogram's mask: black = edit, white = keep, like Brushwork's upload.
        for (int i = 0; i < mask.pixels().length; i++) {
            assertThat(mask.pixels()[i] & 0xFFFFFF).isEqualTo(job.mask().isHole(i) ? 0x000000 : 0xFFFFFF);
        }
        int[] mpx = mask.pixels();
        ArgbImage result = fill(image, i -> (mpx[i] & 0xFFFFFF) == 0);
        String prompt = form.get("magic_prompt_option").text().equals("OFF") ? form.get("prompt").text() : REWRITE;
        return answer(result, safe, item -> item.put("prompt", prompt)
                .put("resolution", image.resolution())
                .put("is_image_safe", safe)
                .put("seed", Integer.parseInt(form.get("seed").text()))
                .put("style_type", form.containsKey("style_type") ? form.get("style_type").text() : "AUTO"));
    }

    /**
     * Keeps {@code result} behind an ephemeral signed link and answers as Ideogram does: {@code data[0]} with the
     * link, or with none when the image is unsafe, and the fields {@code item} adds.
     */
    private Response answer(ArgbImage result, boolean safe, java.util.function.Consumer<ObjectNode> item) {
        String path = "/results/ephemeral-" + made.incrementAndGet() + ".png";
        results.put(path, PngEncoder.encode(result));
        ObjectNode body = Json.object().put("created", "2026-11-24T05:57:17.879177+00:00");
        ObjectNode data = body.putArray("data").addObject();
        if (safe) {
            data.put("url", fake.base() + path + "?exp=1795586237&sig=e13e12677633f646d8531a153d20e2d3");
        } else {
            data.putNull("url");
        }
        item.accept(data);
        return Response.json(200, body.toString());
    }

    @Test
    void editsThroughIdeogramDownloadsTheResultAndReportsItsPrompt() {
        InpaintJob job = new InpaintJob(job().image(), job().mask(), "a local rewrite Ideogram must not get",
                "a red ball", 4711, "quality", MagicPromptOption.ON, StyleType.REALISTIC);
        fake.answer(r -> ideogram(r, job, true));

        Inpainted out = engine().inpaint(job);

        fake.verify();
        assertHoleFilled(out.image(), job, 0);
        assertThat(out.prompt()).contains(REWRITE);
        assertThat(out.safe()).isTrue();
        List<Request> requests = fake.requests();
        assertThat(requests).hasSize(2);
        Map<String, FormParts.Part> form = FormParts.parse(requests.get(0).header("Content-Type"),
                requests.get(0).body());
        assertThat(form.get("prompt").text()).isEqualTo("a red ball");
        assertThat(form.get("model").text()).isEqualTo("V_2_TURBO");
        assertThat(form.get("magic_prompt_option").text()).isEqualTo("ON");
        assertThat(form.get("seed").text()).isEqualTo("4711");
        assertThat(form.get("style_type").text()).isEqualTo("REALISTIC");
        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(requests.get(1).path()).startsWith("/results/");
    }

    @Test
    void aJobWithNoOptionsLeavesStyleAutoToIdeogram() {
        fake.answer(r -> ideogram(r, job(), true));

        ArgbImage out = engine().inpaint(InpaintJob.of(job().image(), job().mask(), "a red ball", 7, "fast")).image();

        fake.verify();
        assertHoleFilled(out, job(), 0);
        Map<String, FormParts.Part> form = FormParts.parse(fake.requests().get(0).header("Content-Type"),
                fake.requests().get(0).body());
        assertThat(form).doesNotContainKey("style_type");
        assertThat(form.get("prompt").text()).isEqualTo("a red ball");
        assertThat(form.get("magic_prompt_option").text()).isEqualTo("AUTO");
        assertThat(form.get("seed").text()).isEqualTo("7");
    }

    @Test
    void anUnsafeResultComesBackUnchangedAndMarkedUnsafe() {
        fake.answer(r -> ideogram(r, job(), false));

        Inpainted out = engine().inpaint(job());

        fake.verify();
        assertThat(out.safe()).isFalse();
        assertThat(out.image().pixels()).isEqualTo(job().image().pixels());
        assertThat(out.prompt()).contains(REWRITE);
        assertThat(fake.requests()).as("nothing to download").hasSize(1);
    }

    @Test
    void aPromptThatFailsIdeogramsSafetyCheckIsAnUnsafePromptWithIdeogramsText() {
        String text = "Prompt provided failed safety check due to the inclusion of prohibited content.";
        BackendException e = failureFor(error(422, text));
        assertThat(e.kind()).isEqualTo(Kind.UNSAFE_PROMPT);
        assertThat(e.getMessage()).isEqualTo(text);
    }

    @Test
    void aResultThatCannotBeDownloadedIsFailedNeverUnavailable() {
        // The edit went through (and was charged): whatever the download does, the job must not be repeated.
        for (int status : new int[] {403, 404, 503}) {
            fake.answer(request -> {
                if (request.path().equals("/edit")) {
                    return Response.json(200, "{\"data\": [{\"url\": \"" + fake.base()
                            + "/results/x.png?sig=1\", \"prompt\": \"p\", \"is_image_safe\": true}]}");
                }
                return error(status, "expired");
            });
            BackendException e = catchThrowableOfType(BackendException.class, () -> engine().inpaint(job()));
            assertThat(e.kind()).as("HTTP %d", status).isEqualTo(Kind.FAILED);
            assertThat(e.getMessage()).contains(BACKEND, "downloading", Integer.toString(status));
        }
        URI dead = FakeUpstream.deadAddress();
        fake.answer(request -> Response.json(200, "{\"data\": [{\"url\": \"" + dead
                + "/results/x.png\", \"is_image_safe\": true}]}"));
        BackendException refused = catchThrowableOfType(BackendException.class, () -> engine().inpaint(job()));
        assertThat(refused.kind()).isEqualTo(Kind.FAILED);
    }

    /**
     * Each redirect is checked before it is followed ({@code RedirectsTest} has the rules; they are not exercised
     * here with real private addresses, since a regression would then send traffic off this machine).
     */
    @Test
    void aResultLinkRedirectingWhereItMustNotIsNotFollowed() {
        fake.answer(request -> {
            if (request.path().equals("/cdn/x.png")) {
                return new Response(302, Map.of("Location", "file:///etc/passwd"), new byte[0]);
            }
            return Response.json(200, "{\"data\": [{\"url\": \"" + fake.base()
                    + "/cdn/x.png\", \"is_image_safe\": true}]}");
        });
        BackendException refused = catchThrowableOfType(BackendException.class, () -> engine().inpaint(job()));
        assertThat(refused.kind()).as("the edit went through: never repeated").isEqualTo(Kind.FAILED);
        assertThat(refused.getMessage()).contains("not followed: it redirects to something other than an http(s) URL");
        assertThat(fake.requests()).extracting(Request::path).containsExactly("/edit", "/cdn/x.png");
    }

    @Test
    void aRedirectedResultLinkIsFollowed() {
        fake.answer(request -> {
            if (request.path().equals("/cdn/x.png")) {
                return new Response(302, Map.of("Location", "/results/ephemeral-1.png?sig=2"), new byte[0]);
            }
            Response r = ideogram(request, job(), true);
            if (!request.path().equals("/edit")) {
                return r;
            }
            // The link in the answer points at a CDN path that redirects to the stored result.
            return Response.json(200, new String(r.body(), StandardCharsets.UTF_8)
                    .replaceAll("/results/ephemeral-1\\.png[^\"]*", "/cdn/x.png"));
        });

        Inpainted out = engine().inpaint(job());

        fake.verify();
        assertHoleFilled(out.image(), job(), 0);
        assertThat(fake.requests()).extracting(Request::path).containsExactly("/edit", "/cdn/x.png",
                "/results/ephemeral-1.png");
    }

    @Test
    void rewritesPromptsAndAcceptsAFullMask() {
        InpaintEngine engine = engine();
        assertThat(engine.capabilities()).containsExactly(InpaintEngine.Capability.REWRITES_PROMPTS);
    }

    /** The fields each of Ideogram's other routes takes, as its OpenAPI description lists them. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "/reframe", Set.of("image_file", "resolution", "model", "num_images", "seed", "style_type",
                    "style_codes"),
            "/upscale", Set.of("image_file", "image_request"),
            "/remix", Set.of("image_file", "image_request"),
            "/v1/ideogram-v3/replace-background", Set.of("image", "prompt", "magic_prompt", "num_images", "seed",
                    "rendering_speed", "style_codes", "color_palette"));
    private static final Set<String> IMAGE_REQUEST = Set.of("prompt", "aspect_ratio", "model", "magic_prompt_option",
            "seed", "style_type", "negative_prompt", "num_images", "resolution", "color_palette");
    private static final Set<String> UPSCALE_REQUEST = Set.of("prompt", "resemblance", "detail",
            "magic_prompt_option", "num_images", "seed");

    /**
     * Ideogram's routes other than edit: checks each request as Ideogram would (its path, key, fields and their
     * values), paints a {@link #FILL} image of the size Ideogram would make, and answers with a link to it.
     */
    private Response ideogramOperation(Request request, boolean safe) throws Exception {
        if (request.method().equals("GET") && results.containsKey(request.path())) {
            assertThat(request.header("Api-Key")).as("no key goes to the result link").isNull();
            return Response.bytes(200, "image/png", results.get(request.path()));
        }
        assertThat(request.method()).isEqualTo("POST");
        if (!KEY.equals(request.header("Api-Key"))) {
            return error(401, "Unauthorized");
        }
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.header("Content-Length")).as("a sized upload, not chunked").isNotNull();
        String size;
        Optional<String> userPrompt;
        String magic;
        int seed;
        if (request.path().equals("/generate")) {
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = Json.MAPPER.readTree(request.body());
            assertThat(body.size()).as("only image_request").isEqualTo(1);
            JsonNode imageRequest = body.path("image_request");
            size = checkImageRequest(imageRequest, IMAGE_REQUEST);
            userPrompt = Optional.of(imageRequest.path("prompt").asText());
            magic = imageRequest.path("magic_prompt_option").asText("AUTO");
            seed = imageRequest.path("seed").asInt();
        } else {
            assertThat(FIELDS).containsKey(request.path());
            Map<String, FormParts.Part> form = FormParts.parse(request.header("Content-Type"), request.body());
            assertThat(FIELDS.get(request.path())).containsAll(form.keySet());
            String imageField = request.path().startsWith("/v1/") ? "image" : "image_file";
            assertThat(form.get(imageField).filename()).isNotBlank();
            assertThat(form.get(imageField).contentType()).isEqualTo("image/png");
            ArgbImage photo = decode(form.get(imageField).content());
            switch (request.path()) {
                case "/reframe" -> {
                    assertThat(form.get("model").text()).isIn("V_2", "V_2_TURBO");
                    assertThat(form.get("num_images").text()).isEqualTo("1");
                    size = resolution(form.get("resolution").text());
                    userPrompt = Optional.empty();
                    magic = "OFF";
                    seed = Integer.parseInt(form.get("seed").text());
                }
                case "/upscale" -> {
                    JsonNode imageRequest = Json.MAPPER.readTree(form.get("image_request").text());
                    assertThat(UPSCALE_REQUEST).containsAll(fieldNames(imageRequest));
                    assertThat(imageRequest.path("resemblance").asInt()).isBetween(1, 100);
                    assertThat(imageRequest.path("detail").asInt()).isBetween(1, 100);
                    assertThat(imageRequest.path("num_images").asInt()).isEqualTo(1);
                    size = photo.width() * 2 + "x" + photo.height() * 2;
                    userPrompt = Optional.ofNullable(imageRequest.path("prompt").textValue());
                    magic = imageRequest.path("magic_prompt_option").asText("AUTO");
                    seed = imageRequest.path("seed").asInt();
                }
                case "/remix" -> {
                    JsonNode imageRequest = Json.MAPPER.readTree(form.get("image_request").text());
                    Set<String> remix = new java.util.HashSet<>(IMAGE_REQUEST);
                    remix.add("image_weight");
                    size = checkImageRequest(imageRequest, remix);
                    assertThat(imageRequest.path("image_weight").asInt()).isBetween(1, 100);
                    userPrompt = Optional.of(imageRequest.path("prompt").asText());
                    magic = imageRequest.path("magic_prompt_option").asText("AUTO");
                    seed = imageRequest.path("seed").asInt();
                }
                default -> {
                    assertThat(form.get("prompt").text()).isNotBlank();
                    assertThat(form.get("magic_prompt").text()).isIn("AUTO", "ON", "OFF");
                    assertThat(form.get("num_images").text()).isEqualTo("1");
                    size = photo.resolution();
                    userPrompt = Optional.of(form.get("prompt").text());
                    magic = form.get("magic_prompt").text();
                    seed = Integer.parseInt(form.get("seed").text());
                }
            }
        }
        int width = Integer.parseInt(size.split("x")[0]);
        int height = Integer.parseInt(size.split("x")[1]);
        String prompt = userPrompt.filter(p -> magic.equals("OFF")).orElse(REWRITE);
        return answer(fill(TestImages.photo(width, height), i -> true), safe, item -> item.put("prompt", prompt)
                .put("resolution", size)
                .put("is_image_safe", safe)
                .put("seed", seed));
    }

    /** Generate's and remix's {@code image_request}; the size Ideogram makes for it. */
    private static String checkImageRequest(JsonNode request, Set<String> fields) {
        assertThat(fields).containsAll(fieldNames(request));
        assertThat(request.path("prompt").asText()).isNotBlank();
        assertThat(request.path("model").asText()).isIn("V_2", "V_2_TURBO");
        assertThat(request.path("magic_prompt_option").asText()).isIn("AUTO", "ON", "OFF");
        assertThat(request.path("num_images").asInt()).isEqualTo(1);
        assertThat(request.has("resolution") && request.has("aspect_ratio")).as("not both").isFalse();
        if (request.has("resolution")) {
            return resolution(request.path("resolution").asText());
        }
        String aspect = request.path("aspect_ratio").asText("ASPECT_1_1");
        assertThat(aspect).isIn("ASPECT_10_16", "ASPECT_16_10", "ASPECT_9_16", "ASPECT_16_9", "ASPECT_3_2",
                "ASPECT_2_3", "ASPECT_4_3", "ASPECT_3_4", "ASPECT_1_1", "ASPECT_1_3", "ASPECT_3_1");
        return aspect.equals("ASPECT_10_16") ? "640x1024" : "1024x1024";
    }

    /** A {@code RESOLUTION_W_H} from Ideogram's list, as {@code WxH}. */
    private static String resolution(String value) {
        assertThat(value).matches("RESOLUTION_\\d+_\\d+");
        String size = value.substring("RESOLUTION_".length()).replace('_', 'x');
        assertThat(IdeogramSizes.resolution(Integer.parseInt(size.split("x")[0]),
                Integer.parseInt(size.split("x")[1]))).as("a listed resolution").contains(value);
        return size;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static GenerateJob generative(Operation operation, Optional<ArgbImage> photo, int width, int height) {
        return new GenerateJob(operation, photo, width, height, "a local rewrite Ideogram must not get",
                "a lighthouse at dusk", "", 50, 4711, "quality", MagicPromptOption.ON, StyleType.REALISTIC,
                Cancellation.NONE);
    }

    private Map<String, FormParts.Part> sentForm() {
        Request r = fake.requests().get(0);
        return FormParts.parse(r.header("Content-Type"), r.body());
    }

    /**
     * Runs the job against the fake: one call to {@code path}, then the download of its link, and Ideogram's
     * pixels back at {@code width x height}.
     */
    private Inpainted runOn(String path, Job job, int width, int height) {
        fake.answer(r -> ideogramOperation(r, true));
        Inpainted out = engine().run(job);
        fake.verify();
        assertThat(out.image().resolution()).isEqualTo(width + "x" + height);
        assertThat(out.image().pixels()).as("Ideogram's pixels").containsOnly(FILL);
        assertThat(out.safe()).isTrue();
        assertThat(fake.requests()).extracting(Request::method, Request::path).containsExactly(
                tuple("POST", path), tuple("GET", "/results/ephemeral-1.png"));
        return out;
    }

    @Test
    void servesEveryOperation() {
        assertThat(engine().operations()).containsExactlyInAnyOrder(Operation.values());
        assertThat(IdeogramEngine.TYPE.operations()).containsExactlyInAnyOrder(Operation.values());
        assertThat(engine().workingBytes(generative(Operation.REMIX, Optional.of(TestImages.photo(64, 48)), 1024,
                1024))).isGreaterThan(engine().workingBytes(generative(Operation.GENERATE, Optional.empty(), 1024,
                1024)));
    }

    @Test
    void generatePostsJsonWithTheClientsPromptAndAListedResolution() throws Exception {
        GenerateJob job = new GenerateJob(Operation.GENERATE, Optional.empty(), 1280, 800,
                "a local rewrite Ideogram must not get", "a lighthouse at dusk", "fog, people", 50, 4711, "quality",
                MagicPromptOption.ON, StyleType.REALISTIC, Cancellation.NONE);
        Inpainted out = runOn("/generate", job, 1280, 800);

        assertThat(out.prompt()).contains(REWRITE);
        JsonNode sent = Json.MAPPER.readTree(fake.requests().get(0).body());
        assertThat(sent).isEqualTo(Json.MAPPER.readTree("{\"image_request\": {\"prompt\": \"a lighthouse at dusk\","
                + " \"resolution\": \"RESOLUTION_1280_800\", \"model\": \"V_2_TURBO\", \"magic_prompt_option\": \"ON\","
                + " \"seed\": 4711, \"negative_prompt\": \"fog, people\", \"num_images\": 1,"
                + " \"style_type\": \"REALISTIC\"}}"));
    }

    @Test
    void aSizeIdeogramDoesNotListIsSentAsItsAspectAndResizedBack() throws Exception {
        GenerateJob job = new GenerateJob(Operation.GENERATE, Optional.empty(), 800, 1280, "a lighthouse at dusk",
                "a lighthouse at dusk", "", 50, 1, "default", MagicPromptOption.OFF, StyleType.AUTO,
                Cancellation.NONE);
        Inpainted out = runOn("/generate", job, 800, 1280);

        JsonNode sent = Json.MAPPER.readTree(fake.requests().get(0).body()).path("image_request");
        assertThat(sent.path("aspect_ratio").asText()).isEqualTo("ASPECT_10_16");
        assertThat(sent.has("resolution")).isFalse();
        assertThat(sent.has("style_type")).as("AUTO is left to Ideogram").isFalse();
        assertThat(sent.has("negative_prompt")).as("none sent").isFalse();
        assertThat(sent.path("magic_prompt_option").asText()).isEqualTo("OFF");
        assertThat(out.prompt()).as("Ideogram's prompt, which with OFF is the client's")
                .contains("a lighthouse at dusk");
    }

    @Test
    void remixSendsThePhotoAndAnImageRequestWithItsWeight() throws Exception {
        ArgbImage photo = TestImages.photo(64, 48);
        GenerateJob job = new GenerateJob(Operation.REMIX, Optional.of(photo), 1024, 768, "local", "a watercolour",
                "", 35, 9, "default", MagicPromptOption.AUTO, StyleType.DESIGN, Cancellation.NONE);
        Inpainted out = runOn("/remix", job, 1024, 768);

        assertThat(out.prompt()).contains(REWRITE);
        Map<String, FormParts.Part> form = sentForm();
        assertThat(form.keySet()).containsExactlyInAnyOrder("image_file", "image_request");
        assertThat(decode(form.get("image_file").content()).pixels()).isEqualTo(photo.pixels());
        assertThat(Json.MAPPER.readTree(form.get("image_request").text())).isEqualTo(Json.MAPPER.readTree(
                "{\"prompt\": \"a watercolour\", \"resolution\": \"RESOLUTION_1024_768\", \"model\": \"V_2_TURBO\","
                + " \"magic_prompt_option\": \"AUTO\", \"seed\": 9, \"num_images\": 1, \"style_type\": \"DESIGN\","
                + " \"image_weight\": 35}"));
    }

    @Test
    void replaceBackgroundGoesToV3WithV3sFieldNames() {
        ArgbImage photo = TestImages.photo(64, 48);
        GenerateJob job = generative(Operation.REPLACE_BACKGROUND, Optional.of(photo), 1152, 864);
        runOn("/v1/ideogram-v3/replace-background", job, 1152, 864);

        Map<String, FormParts.Part> form = sentForm();
        assertThat(form.keySet()).containsExactlyInAnyOrder("image", "prompt", "magic_prompt", "seed",
                "num_images");
        assertThat(decode(form.get("image").content()).pixels()).isEqualTo(photo.pixels());
        assertThat(form.get("prompt").text()).isEqualTo("a lighthouse at dusk");
        assertThat(form.get("magic_prompt").text()).isEqualTo("ON");
        assertThat(form.get("seed").text()).isEqualTo("4711");
    }

    @Test
    void reframeSendsThePhotoAsSentAndTheSizeAsIdeogramListsIt() {
        InpaintJob fill = new InpaintJob(TestImages.photo(800, 1280), Mask.fromImage(TestImages.mask(800, 1280,
                0, 0, 800, 100)), "", "", 77, "fast", MagicPromptOption.OFF, StyleType.GENERAL);
        ArgbImage photo = TestImages.photo(40, 60);
        runOn("/reframe", new ReframeJob(photo, 800, 1280, fill), 800, 1280);

        Map<String, FormParts.Part> form = sentForm();
        assertThat(form.keySet()).containsExactlyInAnyOrder("image_file", "resolution", "model", "seed",
                "num_images", "style_type");
        ArgbImage sent = decode(form.get("image_file").content());
        assertThat(sent.pixels()).as("the photo, not the canvas").isEqualTo(photo.pixels());
        assertThat(form.get("resolution").text()).as("800x1280 is not listed: the nearest in shape")
                .isEqualTo("RESOLUTION_640_1024");
        assertThat(form.get("model").text()).isEqualTo("V_2_TURBO");
        assertThat(form.get("seed").text()).isEqualTo("77");
        assertThat(form.get("num_images").text()).isEqualTo("1");
        assertThat(form.get("style_type").text()).isEqualTo("GENERAL");
    }

    @Test
    void upscaleSendsTheStrengthsAndBringsBackTwiceTheSize() throws Exception {
        ArgbImage photo = TestImages.photo(64, 48);
        UpscaleJob job = new UpscaleJob(photo, 2, 80, 30, "local", "", 5, "default", MagicPromptOption.OFF,
                Cancellation.NONE);
        runOn("/upscale", job, 128, 96);

        Map<String, FormParts.Part> form = sentForm();
        assertThat(decode(form.get("image_file").content()).pixels()).isEqualTo(photo.pixels());
        assertThat(Json.MAPPER.readTree(form.get("image_request").text())).as("no prompt: none was sent")
                .isEqualTo(Json.MAPPER.readTree("{\"resemblance\": 80, \"detail\": 30,"
                        + " \"magic_prompt_option\": \"OFF\", \"seed\": 5, \"num_images\": 1}"));
        assertThat(engine().workingBytes(job)).isGreaterThan(engine().workingBytes(
                new UpscaleJob(TestImages.photo(32, 24), 2, 80, 30, "", "", 5, "default", MagicPromptOption.OFF,
                        Cancellation.NONE)));
    }

    @Test
    void anUnsafeGeneratedImageIsNotDownloadedAndComesBackBlankAndUnsafe() {
        fake.answer(r -> ideogramOperation(r, false));

        Inpainted out = engine().run(generative(Operation.GENERATE, Optional.empty(), 1024, 1024));

        fake.verify();
        assertThat(out.safe()).isFalse();
        assertThat(out.prompt()).contains(REWRITE);
        assertThat(out.image().resolution()).isEqualTo("1024x1024");
        assertThat(fake.requests()).as("nothing to download").hasSize(1);
    }

    @Test
    void aGeneratePromptIdeogramRefusesIsAnUnsafePrompt() {
        String text = "Prompt provided failed safety check due to the inclusion of prohibited content.";
        fake.answer(r -> error(422, text));
        BackendException e = catchThrowableOfType(BackendException.class,
                () -> engine().run(generative(Operation.GENERATE, Optional.empty(), 1024, 1024)));
        assertThat(e.kind()).isEqualTo(Kind.UNSAFE_PROMPT);
        assertThat(e.getMessage()).isEqualTo(text);
    }

    @Test
    void anAnswerWithoutAnImageIsFailedForEveryOperation() {
        ArgbImage photo = TestImages.photo(64, 48);
        List<Job> jobs = List.of(
                generative(Operation.GENERATE, Optional.empty(), 1024, 1024),
                generative(Operation.REMIX, Optional.of(photo), 1024, 1024),
                generative(Operation.REPLACE_BACKGROUND, Optional.of(photo), 1024, 1024),
                new UpscaleJob(photo, 2, 50, 50, "", "", 1, "default", MagicPromptOption.AUTO, Cancellation.NONE),
                new ReframeJob(photo, 64, 64, InpaintJob.of(TestImages.photo(64, 64),
                        Mask.fromImage(TestImages.mask(64, 64, 0, 0, 64, 8)), "", 1, "default")));
        for (String answer : List.of("{\"created\": \"2026-11-24T05:57:17+00:00\", \"data\": []}", "{}",
                "{\"data\": [{\"is_image_safe\": true, \"prompt\": \"p\"}]}")) {
            fake.answer(r -> Response.json(200, answer));
            for (Job job : jobs) {
                BackendException e = catchThrowableOfType(BackendException.class, () -> engine().run(job));
                assertThat(e).as("%s answered %s", job.operation(), answer).isNotNull();
                assertThat(e.kind()).isEqualTo(Kind.FAILED);
                assertThat(e.getMessage()).contains(BACKEND);
            }
        }
    }

    @Test
    void settingsCheckTheModelAndNeverShowTheKey() {
        IdeogramSettings settings = new IdeogramSettings(null, KEY, Duration.ofMinutes(2), "v_2");
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.ideogram.ai"));
        assertThat(settings.editUri()).isEqualTo(URI.create("https://api.ideogram.ai/edit"));
        assertThat(settings.model()).isEqualTo("V_2");
        assertThat(settings.toString()).doesNotContain(KEY);
        assertThat(new IdeogramSettings(URI.create("http://proxy.local/ideogram/"), KEY, Duration.ofSeconds(1),
                "V_2").editUri()).isEqualTo(URI.create("http://proxy.local/ideogram/edit"));
        assertThatThrownBy(() -> new IdeogramSettings(null, KEY, Duration.ofSeconds(1), "V_3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("V_2_TURBO");
        assertThatThrownBy(() -> new IdeogramSettings(null, " ", Duration.ofSeconds(1), "V_2"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
