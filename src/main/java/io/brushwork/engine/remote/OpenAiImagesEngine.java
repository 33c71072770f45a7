package io.brushwork.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.http.Deadline;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.image.Resize;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Edits through an OpenAI-compatible {@code POST /v1/images/edits} (OpenAI's GPT image models and DALL·E 2, LocalAI,
 * gateways). The photo is resized to the allowed size closest to its aspect (see {@link OpenAiImagesSettings#sizes})
 * and sent as an RGBA PNG (DALL·E 2 refuses RGB); the mask goes in OpenAI's convention, where a fully transparent
 * pixel is edited and an opaque one kept (Brushwork's hole becomes transparent, the rest opaque black, which also
 * reads right to servers that flatten the mask over white and take white as the area to paint). The answer's
 * {@code b64_json}, or else its {@code url}, is decoded and resized back to the photo's size.
 *
 * <p>Presets: for GPT image models, {@code fast} sends {@code quality=low} and {@code quality} sends
 * {@code quality=high}; {@code default} sends none (the model's own default). Other models ignore presets.
 * OpenAI refuses an empty prompt, so an empty one is replaced by {@link #FILL_PROMPT}.
 */
public final class OpenAiImagesEngine extends ProviderEngine {
    public static final BackendType TYPE =
            new BackendType("openai", (name, s) -> new OpenAiImagesEngine(name, OpenAiImagesSettings.from(s)));

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

    /** The photo's own pixels, plus the upload and the answer at the provider's size. */
    @Override
    public long workingBytes(Mask mask) {
        ImageSize size = ImageSize.closest(settings.allowedSizes(), mask.width(), mask.height());
        return ProviderImages.workingBytes((long) mask.width() * mask.height() + size.area());
    }

    /** The seed is not sent: the images API has no seed, so results differ from call to call. */
    @Override
    public Inpainted inpaint(InpaintJob job) {
        Presets.check(name(), job.preset());
        Deadline deadline = Deadline.after(settings.timeout());
        ArgbImage image = job.image();
        ImageSize size = ImageSize.closest(settings.allowedSizes(), image.width(), image.height());
        ArgbImage upload = Resize.bilinear(image, size.width(), size.height());
        upload = new ArgbImage(upload.width(), upload.height(), upload.pixels(), true);
        Mask mask = Resize.mask(job.mask(), size.width(), size.height());
        String prompt = job.prompt() == null || job.prompt().isBlank() ? FILL_PROMPT : job.prompt();

        FormData form = new FormData()
                .file("image", "image.png", "image/png", ProviderImages.png(upload))
                .file("mask", "mask.png", "image/png",
                        ProviderImages.png(ProviderImages.maskImage(mask, 0x00000000, 0xFF000000, true)))
                .text("prompt", prompt)
                .text("model", settings.model())
                .text("n", "1")
                .text("size", size.toString());
        if (settings.gptImage()) {
            String quality = GPT_IMAGE_QUALITY.get(job.preset());
            if (quality != null) {
                form.text("quality", quality);
            }
        } else {
            form.text("response_format", "b64_json");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.editsUri())
                .header("Accept", "application/json")
                .header("Content-Type", form.contentType())
                .POST(form.publisher());
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
            bytes = upstream.download(link(url.asText()), settings.baseUrl(), deadline);
        } else {
            throw upstream.failure(Kind.FAILED, "the answer's data[0] has neither b64_json nor url", null);
        }
        // DALL·E 3 style servers report the prompt they actually used.
        JsonNode revised = item.path("revised_prompt");
        Optional<String> used = revised.isTextual() && !revised.asText().isBlank()
                ? Optional.of(revised.asText()) : Optional.empty();
        return new Inpainted(ProviderImages.result(bytes, image, upstream), used, true);
    }

    private URI link(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw upstream.failure(Kind.FAILED, "the answer's data[0].url is not a URL", null);
        }
    }
}
