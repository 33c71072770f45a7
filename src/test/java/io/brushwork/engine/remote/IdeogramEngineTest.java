package io.brushwork.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
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
        String path = "/results/ephemeral-" + made.incrementAndGet() + ".png";
        results.put(path, PngEncoder.encode(result));

        ObjectNode body = Json.object().put("created", "2026-11-24T05:57:17.879177+00:00");
        ObjectNode item = body.putArray("data").addObject();
        if (safe) {
            item.put("url", fake.base() + path + "?exp=1795586237&sig=e13e12677633f646d8531a153d20e2d3");
        } else {
            item.putNull("url");
        }
        item.put("prompt", form.get("magic_prompt_option").text().equals("OFF") ? form.get("prompt").text()
                        : REWRITE)
                .put("resolution", image.resolution())
                .put("is_image_safe", safe)
                .put("seed", Integer.parseInt(form.get("seed").text()))
                .put("style_type", form.containsKey("style_type") ? form.get("style_type").text() : "AUTO");
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
