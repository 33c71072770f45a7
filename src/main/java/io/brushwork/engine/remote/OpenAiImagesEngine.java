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
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Edits through an OpenAI-compatible {@code POST /v1/images/edits} (OpenAI's GPT image models and DALL·E 2, LocalAI,
 * gateways). The photo is resized to the allowed size closest to its aspect (see {@link OpenAiImagesSettings#sizes})
 * and sent as an RGBA PNG (DALL·E 2 refuses RGB); the mask goes in OpenAI's convention, where a fully transparent
 * pixel is edited and an opaque one kept (Brushwork's hole becomes transparent, the rest opaque black, which also
 * reads right to servers that flatten the mask over white and take white as the area to paint). The answer's
 * {@code b64_json}, or else its {@code url}, is decoded and resized back to the photo's size. A reframe is an edit
 * of the new canvas with its border masked.
 *
 * <p>Generate goes to {@code POST /v1/images/generations} at the allowed size closest to the one asked, and the
 * answer is resized to that. Remix is an edit without a mask, which only GPT image models take (DALL·E 2 edits the
 * transparent part of an unmasked image, and a photo has none), so only a backend of a {@code gpt-image-*} model
 * serves it. The API has no image weight, so a remix's {@code image_weight} changes nothing; nor a negative prompt,
 * so a {@code negative_prompt} is appended to the prompt on a line of its own, {@code "Avoid: ..."}: these models
 * read the prompt as written instructions, and ignoring the field would drop what the client asked for.
 *
 * <p>Presets: for GPT image models, {@code fast} sends {@code quality=low} and {@code quality} sends
 * {@code quality=high}; {@code default} sends none (the model's own default). Other models ignore presets.
 * OpenAI refuses an empty prompt, so an empty one is replaced by {@link #FILL_PROMPT}.
 */
public final class OpenAiImagesEngine extends ProviderEngine {
    public static final BackendType TYPE = new BackendType("openai",
            EnumSet.of(Operation.EDIT, Operation.REFRAME, Operation.GENERATE, Operation.REMIX),
            (name, s) -> new OpenAiImagesEngine(name, OpenAiImagesSettings.from(s)));

    static final String FILL_PROMPT = "Fill the masked area so that it continues its surroundings seamlessly.";
    private static final Map<String, String> GPT_IMAGE_QUALITY = Map.of("fast", "low", "quality", "high");

    private final OpenAiImagesSettings settings;
    private final Upstream upstream;

    OpenAiImagesEngine(String name, OpenAiImagesSettings settings) {
        this(name, settings, Clock.systemUTC());
    }

    OpenAiImagesEngine(String name, OpenAiImagesSettings settings, Clock clock) {
        super(name);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.upstream = new Upstream(name, settings.timeout(), settings.apiKey().map(List::of).orElse(List.of()),
                clock);
    }

    /** These models generate the region; a mask covering the whole image is a valid edit for them. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    /** Remix only on GPT image models: see above. */
    @Override
    public Set<Operation> operations() {
        return settings.gptImage() ? TYPE.operations()
                : EnumSet.of(Operation.EDIT, Operation.REFRAME, Operation.GENERATE);
    }

    /** The photo's own pixels, plus the upload and the answer at the provider's size. */
    @Override
    public long workingBytes(Mask mask) {
        ImageSize size = ImageSize.closest(settings.allowedSizes(), mask.width(), mask.height());
        return ProviderImages.workingBytes((long) mask.width() * mask.height() + size.area());
    }

    /** The photo, the upload at the provider's size, and the answer at the size asked. */
    @Override
    long generateBytes(GenerateJob job) {
        ImageSize size = ImageSize.closest(settings.allowedSizes(), job.width(), job.height());
        return ProviderImages.workingBytes(job.image().map(ProviderImages::pixels).orElse(0L) + size.area()
                + (long) job.width() * job.height());
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        Presets.check(name(), job.preset());
        ArgbImage image = job.image();
        ImageSize size = ImageSize.closest(settings.allowedSizes(), image.width(), image.height());
        Mask mask = Resize.mask(job.mask(), size.width(), size.height());
        String prompt = job.prompt() == null || job.prompt().isBlank() ? FILL_PROMPT : job.prompt();
        FormData form = upload(image, size, prompt, job.preset())
                .file("mask", "mask.png", "image/png",
                        ProviderImages.png(ProviderImages.maskImage(mask, 0x00000000, 0xFF000000, true)));
        return send(settings.editsUri(), form.contentType(), form.publisher(), image.width(), image.height());
    }

    /** Generate as JSON to the generations endpoint; remix as an edit with no mask. */
    @Override
    Inpainted generate(GenerateJob job) {
        ImageSize size = ImageSize.closest(settings.allowedSizes(), job.width(), job.height());
        String prompt = job.negativePrompt().isBlank() ? job.prompt()
                : job.prompt() + "\nAvoid: " + job.negativePrompt();
        if (job.operation() == Operation.REMIX) {
            // Cropped to the shape asked, not stretched, as Ideogram's remix does.
            FormData form = upload(Resize.cover(job.image().orElseThrow(), size.width(), size.height()), size,
                    prompt, job.preset());
            return send(settings.editsUri(), form.contentType(), form.publisher(), job.width(), job.height());
        }
        ObjectNode body = Json.object()
                .put("model", settings.model())
                .put("prompt", prompt)
                .put("n", 1)
                .put("size", size.toString());
        outputFields(job.preset(), body::put);
        return send(settings.generationsUri(), "application/json",
                HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)), job.width(), job.height());
    }

    /** The fields an edit and a remix share: the photo at the provider's size, as RGBA, and the prompt. */
    private FormData upload(ArgbImage image, ImageSize size, String prompt, String preset) {
        ArgbImage upload = Resize.bilinear(image, size.width(), size.height());
        upload = new ArgbImage(upload.width(), upload.height(), upload.pixels(), true);
        FormData form = new FormData()
                .file("image", "image.png", "image/png", ProviderImages.png(upload))
                .text("prompt", prompt)
                .text("model", settings.model())
                .text("n", "1")
                .text("size", size.toString());
        outputFields(preset, form::text);
        return form;
    }

    /** GPT image models take a quality and always answer base64; others are asked for base64. */
    private void outputFields(String preset, BiConsumer<String, String> field) {
        if (settings.gptImage()) {
            String quality = GPT_IMAGE_QUALITY.get(preset);
            if (quality != null) {
                field.accept("quality", quality);
            }
        } else {
            field.accept("response_format", "b64_json");
        }
    }

    /** Makes one call and brings its {@code data[0]} back as pixels of {@code width x height}. */
    private Inpainted send(URI uri, String contentType, HttpRequest.BodyPublisher body, int width, int height) {
        Deadline deadline = Deadline.after(settings.timeout());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .POST(body);
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        JsonNode root = Json.parse(upstream.call(request, deadline).body(), upstream);

        JsonNode item = root.path("data").path(0);
        if (!item.isObject()) {
            throw upstream.failure(Kind.FAILED, "the answer has no data[0]", null);
        }
        byte[] bytes;
        JsonNode b64 = item.path("b64_json");
        JsonNode url = item.path("url");
        if (b64.isTextual() && !b64.asText().isBlank()) {
            bytes = ProviderImages.base64(b64.asText(), upstream, "data[0].b64_json");
        } else if (url.isTextual() && !url.asText().isBlank()) {
            // A server that ignored response_format: its link is signed, so no key goes with the download.
            bytes = upstream.download(url.asText(), settings.baseUrl(), deadline);
        } else {
            throw upstream.failure(Kind.FAILED, "the answer's data[0] has neither b64_json nor url", null);
        }
        // DALL·E 3 style servers report the prompt they actually used.
        JsonNode revised = item.path("revised_prompt");
        Optional<String> used = revised.isTextual() && !revised.asText().isBlank()
                ? Optional.of(revised.asText()) : Optional.empty();
        return new Inpainted(ProviderImages.result(bytes, width, height, upstream), used, true);
    }
}
