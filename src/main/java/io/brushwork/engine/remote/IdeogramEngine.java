package io.brushwork.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.GenerateJob;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.Operation;
import io.brushwork.engine.ReframeJob;
import io.brushwork.engine.UpscaleJob;
import io.brushwork.http.Deadline;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.prompt.StyleType;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Forwards each operation to Ideogram itself, with the operator's {@code Api-Key}: an edit to
 * {@code POST {baseUrl}/edit}, and reframe, upscale, generate and remix to the legacy routes of those names,
 * replace-background to V3's {@code /v1/ideogram-v3/replace-background}. Ideogram rewrites prompts itself, so it
 * gets the client's prompt and Magic Prompt option and reports the prompt it used. Ideogram's result links expire,
 * so the result is downloaded at once (without the key: the link is signed) and handed back as pixels for
 * Brushwork to store.
 *
 * <p>Presets change nothing: the model is the backend's {@link IdeogramSettings#model()}. An answer that Ideogram
 * marks unsafe is not downloaded (the pipeline would not store it); the input (or, for generate, a blank image)
 * comes back with {@code safe=false}. Ideogram's 422 (the prompt failed its safety check) becomes UNSAFE_PROMPT
 * with Ideogram's text as the message.
 */
public final class IdeogramEngine extends ProviderEngine {
    /** Ideogram has a route for every operation. */
    private static final Set<Operation> OPERATIONS = EnumSet.allOf(Operation.class);
    public static final BackendType TYPE = new BackendType("ideogram", OPERATIONS,
            (name, s) -> new IdeogramEngine(name, IdeogramSettings.from(s)));

    /** How Ideogram answers a prompt that failed its safety check. */
    private static final int UNSAFE_PROMPT_STATUS = 422;

    private final IdeogramSettings settings;
    private final Upstream upstream;

    IdeogramEngine(String name, IdeogramSettings settings) {
        this(name, settings, Clock.systemUTC());
    }

    IdeogramEngine(String name, IdeogramSettings settings, Clock clock) {
        super(name);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.upstream = new Upstream(name, settings.timeout(), List.of(settings.apiKey()), clock,
                OptionalInt.of(UNSAFE_PROMPT_STATUS));
    }

    /** Ideogram generates the region (a mask covering the whole image is a valid edit there) from its own rewrite. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.REWRITES_PROMPTS);
    }

    @Override
    public Set<Operation> operations() {
        return OPERATIONS;
    }

    @Override
    public long workingBytes(Mask mask) {
        return ProviderImages.workingBytes((long) mask.width() * mask.height());
    }

    /** Its own reframe: the photo sent and the canvas brought back. */
    @Override
    long reframeBytes(ReframeJob job) {
        return ProviderImages.workingBytes(ProviderImages.pixels(job.image()) + (long) job.width() * job.height());
    }

    @Override
    long upscaleBytes(UpscaleJob job) {
        long photo = ProviderImages.pixels(job.image());
        return ProviderImages.workingBytes(photo + photo * job.scale() * job.scale());
    }

    @Override
    long generateBytes(GenerateJob job) {
        return ProviderImages.workingBytes(job.image().map(ProviderImages::pixels).orElse(0L)
                + (long) job.width() * job.height());
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        Presets.check(name(), job.preset());
        // Ideogram's mask convention is Brushwork's own: black = edit, white = keep.
        ArgbImage mask = ProviderImages.maskImage(job.mask(), 0xFF000000, 0xFFFFFFFF, false);
        FormData form = new FormData()
                .file("image_file", "image.png", "image/png", ProviderImages.png(job.image()))
                .file("mask", "mask.png", "image/png", ProviderImages.png(mask))
                .text("prompt", job.clientPrompt() == null ? "" : job.clientPrompt())
                .text("model", settings.model())
                .text("magic_prompt_option", job.magicPrompt().name())
                .text("seed", Integer.toString(job.seed()))
                .text("num_images", "1");
        style(job.style()).ifPresent(style -> form.text("style_type", style));
        return send("/edit", form, job.image(), job.image().width(), job.image().height());
    }

    /**
     * Ideogram's own reframe gets the photo as the client sent it and the size; it takes only its listed
     * resolutions, so a size it lacks is sent as the nearest in shape (the pipeline resizes the result).
     */
    @Override
    Inpainted reframe(ReframeJob job) {
        InpaintJob fill = job.fill();
        FormData form = new FormData()
                .file("image_file", "image.png", "image/png", ProviderImages.png(job.image()))
                .text("resolution", IdeogramSizes.nearestResolution(job.width(), job.height()))
                .text("model", settings.model())
                .text("seed", Integer.toString(fill.seed()))
                .text("num_images", "1");
        style(fill.style()).ifPresent(style -> form.text("style_type", style));
        return send("/reframe", form, fill.image(), job.width(), job.height());
    }

    /** {@code image_request} carries the strengths; the prompt only when there is one (Ideogram's is optional). */
    @Override
    Inpainted upscale(UpscaleJob job) {
        ObjectNode request = Json.object();
        if (job.clientPrompt() != null && !job.clientPrompt().isBlank()) {
            request.put("prompt", job.clientPrompt());
        }
        request.put("resemblance", job.resemblance())
                .put("detail", job.detail())
                .put("magic_prompt_option", job.magicPrompt().name())
                .put("seed", job.seed())
                .put("num_images", 1);
        FormData form = new FormData()
                .file("image_file", "image.png", "image/png", ProviderImages.png(job.image()))
                .text("image_request", request.toString());
        return send("/upscale", form, job.image(), job.image().width() * job.scale(),
                job.image().height() * job.scale());
    }

    /** Generate as JSON, remix as a form with its {@code image_request}, replace-background with V3's fields. */
    @Override
    Inpainted generate(GenerateJob job) {
        ArgbImage unsafe = job.image().orElseGet(() -> ProviderImages.blank(job.width(), job.height()));
        return switch (job.operation()) {
            case GENERATE -> {
                ObjectNode body = Json.object();
                body.set("image_request", imageRequest(job));
                yield send("/generate", "application/json", HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)),
                        unsafe, job.width(), job.height());
            }
            case REMIX -> send("/remix", new FormData()
                    .file("image_file", "image.png", "image/png", ProviderImages.png(job.image().orElseThrow()))
                    .text("image_request", imageRequest(job).put("image_weight", job.imageWeight()).toString()),
                    unsafe, job.width(), job.height());
            default -> send("/v1/ideogram-v3/replace-background", new FormData()
                    .file("image", "image.png", "image/png", ProviderImages.png(job.image().orElseThrow()))
                    .text("prompt", job.clientPrompt())
                    .text("magic_prompt", job.magicPrompt().name())
                    .text("seed", Integer.toString(job.seed()))
                    .text("num_images", "1"),
                    unsafe, job.width(), job.height());
        };
    }

    /**
     * Generate's and remix's {@code image_request}: the size as a listed resolution, else as the nearest aspect
     * ratio (Ideogram picks the size; the pipeline resizes the result to the one asked).
     */
    private ObjectNode imageRequest(GenerateJob job) {
        ObjectNode request = Json.object().put("prompt", job.clientPrompt());
        IdeogramSizes.resolution(job.width(), job.height()).ifPresentOrElse(
                resolution -> request.put("resolution", resolution),
                () -> request.put("aspect_ratio", IdeogramSizes.aspect(job.width(), job.height())));
        request.put("model", settings.model())
                .put("magic_prompt_option", job.magicPrompt().name())
                .put("seed", job.seed());
        if (!job.negativePrompt().isEmpty()) {
            request.put("negative_prompt", job.negativePrompt());
        }
        request.put("num_images", 1);
        style(job.style()).ifPresent(style -> request.put("style_type", style));
        return request;
    }

    /** AUTO is Ideogram's default, so it is left for Ideogram to apply. */
    private static Optional<String> style(StyleType style) {
        return style == StyleType.AUTO ? Optional.empty() : Optional.of(style.name());
    }

    private Inpainted send(String path, FormData form, ArgbImage unsafe, int width, int height) {
        return send(path, form.contentType(), form.publisher(), unsafe, width, height);
    }

    /**
     * Makes one call and brings its {@code data[0]} back as pixels of {@code width x height}, with the prompt
     * Ideogram used; an image Ideogram marks unsafe is not downloaded, and {@code unsafe} stands in for it.
     */
    private Inpainted send(String path, String contentType, HttpRequest.BodyPublisher body, ArgbImage unsafe,
                           int width, int height) {
        Deadline deadline = Deadline.after(settings.timeout());
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.uri(path))
                .header("Api-Key", settings.apiKey())
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .POST(body);
        JsonNode root = Json.parse(upstream.call(request, deadline).body(), upstream);

        JsonNode item = root.path("data").path(0);
        if (!item.isObject()) {
            throw upstream.failure(Kind.FAILED, "the answer has no data[0]", null);
        }
        JsonNode safeNode = item.path("is_image_safe");
        boolean safe = !safeNode.isBoolean() || safeNode.booleanValue();
        Optional<String> prompt = item.path("prompt").isTextual()
                ? Optional.of(item.path("prompt").asText()) : Optional.empty();
        if (!safe) {
            return new Inpainted(unsafe, prompt, false);
        }
        JsonNode url = item.path("url");
        if (!url.isTextual() || url.asText().isBlank()) {
            throw upstream.failure(Kind.FAILED, "the answer's data[0] has no url", null);
        }
        byte[] bytes = upstream.download(url.asText(), settings.baseUrl(), deadline);
        return new Inpainted(ProviderImages.result(bytes, width, height, upstream), prompt, true);
    }
}
