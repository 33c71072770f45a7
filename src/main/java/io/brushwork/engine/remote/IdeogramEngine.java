package io.brushwork.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.http.Deadline;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.prompt.StyleType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Forwards an edit to Ideogram itself ({@code POST {baseUrl}/edit}, with the operator's {@code Api-Key}). Ideogram
 * rewrites prompts itself, so it gets the client's prompt and Magic Prompt option and reports the prompt it used.
 * Ideogram's result links expire, so the result is downloaded at once (without the key: the link is signed) and
 * handed back as pixels for Brushwork to store.
 *
 * <p>Presets change nothing: the model is the backend's {@link IdeogramSettings#model()}. An answer that Ideogram
 * marks unsafe is not downloaded (the pipeline would not store it); the input comes back with {@code safe=false}.
 * Ideogram's 422 (the prompt failed its safety check) becomes UNSAFE_PROMPT with Ideogram's text as the message.
 */
public final class IdeogramEngine extends ProviderEngine {
    public static final BackendType TYPE =
            new BackendType("ideogram", (name, s) -> new IdeogramEngine(name, IdeogramSettings.from(s)));

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
    public long workingBytes(Mask mask) {
        return ProviderImages.workingBytes((long) mask.width() * mask.height());
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        Presets.check(name(), job.preset());
        Deadline deadline = Deadline.after(settings.timeout());
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
        if (job.style() != StyleType.AUTO) {
            form.text("style_type", job.style().name());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.editUri())
                .header("Api-Key", settings.apiKey())
                .header("Accept", "application/json")
                .header("Content-Type", form.contentType())
                .POST(form.publisher());
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
            return new Inpainted(job.image(), prompt, false);
        }
        JsonNode url = item.path("url");
        if (!url.isTextual() || url.asText().isBlank()) {
            throw upstream.failure(Kind.FAILED, "the answer's data[0] has no url", null);
        }
        URI link;
        try {
            link = new URI(url.asText());
        } catch (URISyntaxException e) {
            throw upstream.failure(Kind.FAILED, "the answer's data[0].url is not a URL", null);
        }
        byte[] bytes = upstream.download(link, settings.baseUrl(), deadline);
        return new Inpainted(ProviderImages.result(bytes, job.image(), upstream), prompt, true);
    }
}
