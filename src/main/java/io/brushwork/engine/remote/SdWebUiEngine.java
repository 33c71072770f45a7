package io.brushwork.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.GenerateJob;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Operation;
import io.brushwork.http.Deadline;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.image.Resize;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Edits through Stable Diffusion WebUI's (AUTOMATIC1111, Forge) {@code POST /sdapi/v1/img2img} in inpaint mode: the
 * photo goes in {@code init_images} and the mask, white where the WebUI paints, in {@code mask}, both as base64 PNG
 * at the photo's size rounded to multiples of 8 (the latent grid); the first of the answer's {@code images} is
 * resized back to the photo's size. A reframe is an edit of the new canvas with its border masked: the WebUI
 * inpaints it like any hole.
 *
 * <p>Generate goes to {@code POST /sdapi/v1/txt2img} and remix to img2img without a mask, both at the size asked
 * rounded to multiples of 8, with the client's negative prompt, and the answer resized to the size asked. A remix's
 * {@code image_weight} (1 to 100, how much the result follows the photo) becomes
 * {@code denoising_strength = 1 - image_weight / 100}, kept within 0.05 and 0.95: at 0 the WebUI would return the
 * photo unchanged, at 1 ignore it.
 *
 * <p>Presets change nothing: {@link SdWebUiSettings} fixes steps, sampler and (for edits) strength for the backend.
 */
public final class SdWebUiEngine extends ProviderEngine {
    public static final BackendType TYPE = new BackendType("sd-webui",
            EnumSet.of(Operation.EDIT, Operation.REFRAME, Operation.GENERATE, Operation.REMIX),
            (name, s) -> new SdWebUiEngine(name, SdWebUiSettings.from(s)));

    /** A remix's denoising strength stays within these, so that it neither copies nor ignores the photo. */
    static final double MIN_REMIX_STRENGTH = 0.05;
    static final double MAX_REMIX_STRENGTH = 0.95;

    private final SdWebUiSettings settings;
    private final Upstream upstream;
    private final String authorization;

    SdWebUiEngine(String name, SdWebUiSettings settings) {
        this(name, settings, Clock.systemUTC());
    }

    SdWebUiEngine(String name, SdWebUiSettings settings, Clock clock) {
        super(name);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.authorization = settings.apiAuth()
                .map(auth -> Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        List<String> secrets = new ArrayList<>();
        settings.apiAuth().ifPresent(auth -> {
            secrets.add(auth);
            secrets.add(auth.substring(auth.indexOf(':') + 1));
            secrets.add(authorization);
        });
        this.upstream = new Upstream(name, settings.timeout(), secrets, clock);
    }

    /** Diffusion paints the hole from the prompt; a mask covering the whole image is a valid edit. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    @Override
    public Set<Operation> operations() {
        return TYPE.operations();
    }

    @Override
    public long workingBytes(Mask mask) {
        return ProviderImages.workingBytes(2L * mask.width() * mask.height());
    }

    /** The photo, and the upload and the answer at the size asked. */
    @Override
    long generateBytes(GenerateJob job) {
        return ProviderImages.workingBytes(job.image().map(ProviderImages::pixels).orElse(0L)
                + 2L * job.width() * job.height());
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        Presets.check(name(), job.preset());
        ArgbImage image = job.image();
        int width = multipleOf8(image.width());
        int height = multipleOf8(image.height());
        Mask mask = Resize.mask(job.mask(), width, height);

        ObjectNode body = common(job.prompt() == null ? "" : job.prompt(), "", job.seed(), width, height);
        body.putArray("init_images").add(ProviderImages.base64Png(Resize.bilinear(image, width, height)));
        body.put("mask", ProviderImages.base64Png(ProviderImages.maskImage(mask, 0xFFFFFFFF, 0xFF000000, false)));
        body.put("denoising_strength", settings.denoisingStrength());
        body.put("inpainting_fill", settings.inpaintingFill());
        body.put("inpaint_full_res", settings.inpaintFullRes());
        body.put("inpaint_full_res_padding", 32);
        body.put("inpainting_mask_invert", 0);
        body.put("mask_blur", 4);
        body.put("resize_mode", 0);
        return send(settings.img2imgUri(), body, image.width(), image.height());
    }

    /** txt2img for generate; img2img without a mask for remix, its strength from the image weight. */
    @Override
    Inpainted generate(GenerateJob job) {
        int width = multipleOf8(job.width());
        int height = multipleOf8(job.height());
        ObjectNode body = common(job.prompt(), job.negativePrompt(), job.seed(), width, height);
        if (job.operation() == Operation.GENERATE) {
            return send(settings.txt2imgUri(), body, job.width(), job.height());
        }
        // Cropped to the shape asked, not stretched, as Ideogram's remix does.
        body.putArray("init_images").add(ProviderImages.base64Png(
                Resize.cover(job.image().orElseThrow(), width, height)));
        body.put("denoising_strength", remixStrength(job.imageWeight()));
        body.put("resize_mode", 0);
        return send(settings.img2imgUri(), body, job.width(), job.height());
    }

    /** {@code 1 - imageWeight / 100}, within {@link #MIN_REMIX_STRENGTH} and {@link #MAX_REMIX_STRENGTH}. */
    static double remixStrength(int imageWeight) {
        return Math.max(MIN_REMIX_STRENGTH, Math.min(MAX_REMIX_STRENGTH, 1 - imageWeight / 100.0));
    }

    /** What txt2img and img2img both take: the prompts, the seed, the size and the backend's sampling. */
    private ObjectNode common(String prompt, String negativePrompt, int seed, int width, int height) {
        ObjectNode body = Json.object();
        body.put("prompt", prompt);
        body.put("negative_prompt", negativePrompt);
        body.put("seed", seed);
        body.put("subseed_strength", 0);
        body.put("width", width);
        body.put("height", height);
        body.put("steps", settings.steps());
        settings.sampler().ifPresent(s -> body.put("sampler_name", s));
        body.put("batch_size", 1);
        body.put("n_iter", 1);
        body.put("send_images", true);
        body.put("save_images", false);
        return body;
    }

    /** Makes one call and brings the answer's first image back as pixels of {@code width x height}. */
    private Inpainted send(URI uri, ObjectNode body, int width, int height) {
        Deadline deadline = Deadline.after(settings.timeout());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        if (authorization != null) {
            request.header("Authorization", "Basic " + authorization);
        }
        JsonNode root = Json.parse(upstream.call(request, deadline).body(), upstream);
        // Extensions (ControlNet and the like) may append their own images; the first is the result.
        JsonNode first = root.path("images").path(0);
        if (!first.isTextual() || first.asText().isBlank()) {
            throw upstream.failure(Kind.FAILED, "the answer has no images[0]", null);
        }
        byte[] bytes = ProviderImages.base64(first.asText(), upstream, "images[0]");
        return Inpainted.of(ProviderImages.result(bytes, width, height, upstream));
    }

    /** The nearest multiple of 8, at least 8: Stable Diffusion works on a latent grid of 8x8 pixel cells. */
    static int multipleOf8(int size) {
        return Math.max(8, (size + 4) / 8 * 8);
    }
}
