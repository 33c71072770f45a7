package io.brushwork.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.http.Deadline;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.image.Resize;
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
 * resized back to the photo's size.
 *
 * <p>Presets change nothing: {@link SdWebUiSettings} fixes steps, sampler and strength for the backend.
 */
public final class SdWebUiEngine extends ProviderEngine {
    public static final BackendType TYPE =
            new BackendType("sd-webui", (name, s) -> new SdWebUiEngine(name, SdWebUiSettings.from(s)));

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
    public long workingBytes(Mask mask) {
        return ProviderImages.workingBytes(2L * mask.width() * mask.height());
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        Presets.check(name(), job.preset());
        Deadline deadline = Deadline.after(settings.timeout());
        ArgbImage image = job.image();
        int width = multipleOf8(image.width());
        int height = multipleOf8(image.height());
        Mask mask = Resize.mask(job.mask(), width, height);

        ObjectNode body = Json.object();
        body.putArray("init_images").add(ProviderImages.base64Png(Resize.bilinear(image, width, height)));
        body.put("mask", ProviderImages.base64Png(ProviderImages.maskImage(mask, 0xFFFFFFFF, 0xFF000000, false)));
        body.put("prompt", job.prompt() == null ? "" : job.prompt());
        body.put("negative_prompt", "");
        body.put("denoising_strength", settings.denoisingStrength());
        body.put("inpainting_fill", settings.inpaintingFill());
        body.put("inpaint_full_res", settings.inpaintFullRes());
        body.put("inpaint_full_res_padding", 32);
        body.put("inpainting_mask_invert", 0);
        body.put("mask_blur", 4);
        body.put("resize_mode", 0);
        body.put("seed", job.seed());
        body.put("subseed_strength", 0);
        body.put("width", width);
        body.put("height", height);
        body.put("steps", settings.steps());
        settings.sampler().ifPresent(s -> body.put("sampler_name", s));
        body.put("batch_size", 1);
        body.put("n_iter", 1);
        body.put("send_images", true);
        body.put("save_images", false);

        HttpRequest.Builder request = HttpRequest.newBuilder(settings.img2imgUri())
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
        return Inpainted.of(ProviderImages.result(bytes, image, upstream));
    }

    /** The nearest multiple of 8, at least 8: Stable Diffusion works on a latent grid of 8x8 pixel cells. */
    static int multipleOf8(int size) {
        return Math.max(8, (size + 4) / 8 * 8);
    }
}
