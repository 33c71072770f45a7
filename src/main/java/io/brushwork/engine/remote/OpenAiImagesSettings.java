package io.brushwork.engine.remote;

import io.brushwork.engine.BackendValues;
import io.brushwork.http.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link OpenAiImagesEngine} finds an OpenAI-compatible image edit endpoint (OpenAI, LocalAI, gateways).
 *
 * @param baseUrl the server, with or without a trailing {@code /v1}; {@link #DEFAULT_BASE_URL} when null. The
 *                edit goes to {@code {baseUrl}/v1/images/edits}, a generation to {@code .../generations}
 * @param apiKey  sent as {@code Authorization: Bearer …} when present (local servers usually need none)
 * @param model   sent as {@code model}: {@code gpt-image-1}, {@code dall-e-2}, or whatever the server serves
 * @param timeout for the whole job, including the download of a result link
 * @param sizes   the size policy: the sizes the model accepts, of which the one closest to the photo's aspect is
 *                used (see {@link ImageSize#closest}); empty for the model's defaults: {@code gpt-image-*}
 *                1024x1024, 1536x1024 and 1024x1536; every other model (dall-e-2 and most compatible servers)
 *                256x256, 512x512 and 1024x1024
 */
record OpenAiImagesSettings(URI baseUrl, Optional<String> apiKey, String model, Duration timeout,
                                   List<ImageSize> sizes) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com");
    private static final List<ImageSize> GPT_IMAGE_SIZES =
            List.of(new ImageSize(1024, 1024), new ImageSize(1536, 1024), new ImageSize(1024, 1536));
    private static final List<ImageSize> DALL_E_2_SIZES =
            List.of(new ImageSize(256, 256), new ImageSize(512, 512), new ImageSize(1024, 1024));
    /** DALL·E 3 generates only these (and edits nothing). */
    private static final List<ImageSize> DALL_E_3_SIZES =
            List.of(new ImageSize(1024, 1024), new ImageSize(1792, 1024), new ImageSize(1024, 1792));

    public OpenAiImagesSettings {
        baseUrl = BaseUrls.check(baseUrl == null ? DEFAULT_BASE_URL : baseUrl, "the OpenAI images");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank());
        sizes = sizes == null ? List.of() : List.copyOf(sizes);
        if (model.isBlank()) {
            throw new IllegalArgumentException("the OpenAI images model must not be blank");
        }
        Deadline.requirePositive("the OpenAI images timeout", timeout);
    }

    /** Reads a {@code type: openai} backend's keys; {@code sizes} is a comma-separated list such as 1024x1024. */
    public static OpenAiImagesSettings from(BackendValues s) {
        List<ImageSize> sizes = new ArrayList<>();
        for (String size : s.text("sizes", "").split("\\s*,\\s*")) {
            if (!size.isBlank()) {
                sizes.add(s.build(() -> ImageSize.parse(size)));
            }
        }
        OpenAiImagesSettings settings = s.build(() -> new OpenAiImagesSettings(s.uri("base-url", DEFAULT_BASE_URL),
                s.optional("api-key"), s.required("model"), s.duration("timeout", ProviderEngine.DEFAULT_TIMEOUT),
                sizes));
        s.rejectUnused();
        return settings;
    }

    /**
     * GPT image models always answer base64, refuse {@code response_format}, and take {@code quality}; DALL·E 2 and
     * compatible servers take {@code response_format}.
     */
    boolean gptImage() {
        return model.toLowerCase(Locale.ROOT).startsWith("gpt-image");
    }

    List<ImageSize> allowedSizes() {
        if (!sizes.isEmpty()) {
            return sizes;
        }
        if (gptImage()) {
            return GPT_IMAGE_SIZES;
        }
        return model.toLowerCase(Locale.ROOT).startsWith("dall-e-3") ? DALL_E_3_SIZES : DALL_E_2_SIZES;
    }

    URI editsUri() {
        return BaseUrls.resolve(baseUrl, "/v1", "/v1/images/edits");
    }

    URI generationsUri() {
        return BaseUrls.resolve(baseUrl, "/v1", "/v1/images/generations");
    }

    /** Masks the key, so logging the settings cannot leak it. */
    @Override
    public String toString() {
        return "OpenAiImagesSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isPresent() ? "***" : "none")
                + ", model=" + model + ", timeout=" + timeout + ", sizes=" + allowedSizes() + "]";
    }
}
