package io.brushwork.engine.remote;

import io.brushwork.engine.BackendValues;
import io.brushwork.http.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where {@link IdeogramEngine} finds Ideogram's API.
 *
 * @param baseUrl Ideogram's API, {@link #DEFAULT_BASE_URL} when null; the edit goes to {@code {baseUrl}/edit}, and
 *                each other operation to its own route there
 * @param apiKey  the operator's Ideogram key, sent as {@code Api-Key}
 * @param timeout for the whole job: the edit call and the download of its result together
 * @param model   the model Ideogram runs the edit with: {@code V_2} or {@code V_2_TURBO}, the two its edit takes;
 *                reframe, generate and remix are sent the same (upscale and V3's replace-background take none)
 */
record IdeogramSettings(URI baseUrl, String apiKey, Duration timeout, String model) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.ideogram.ai");
    public static final String DEFAULT_MODEL = "V_2";
    private static final Set<String> EDIT_MODELS = Set.of("V_2", "V_2_TURBO");

    public IdeogramSettings {
        baseUrl = BaseUrls.check(baseUrl == null ? DEFAULT_BASE_URL : baseUrl, "the Ideogram");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(model, "model");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the Ideogram API key must not be blank");
        }
        Deadline.requirePositive("the Ideogram timeout", timeout);
        model = model.trim().toUpperCase(Locale.ROOT);
        if (!EDIT_MODELS.contains(model)) {
            throw new IllegalArgumentException("Ideogram's edit takes model V_2 or V_2_TURBO, got " + model);
        }
    }

    /** Reads a {@code type: ideogram} backend's keys. */
    public static IdeogramSettings from(BackendValues s) {
        IdeogramSettings settings = s.build(() -> new IdeogramSettings(s.uri("base-url", DEFAULT_BASE_URL),
                s.required("api-key"), s.duration("timeout", ProviderEngine.DEFAULT_TIMEOUT),
                s.text("model", DEFAULT_MODEL)));
        s.rejectUnused();
        return settings;
    }

    URI editUri() {
        return uri("/edit");
    }

    /** One of Ideogram's routes: {@code /reframe}, {@code /v1/ideogram-v3/replace-background}. */
    URI uri(String path) {
        return BaseUrls.resolve(baseUrl, "", path);
    }

    /** Masks the key, so logging the settings cannot leak it. */
    @Override
    public String toString() {
        return "IdeogramSettings[baseUrl=" + baseUrl + ", apiKey=***, timeout=" + timeout + ", model=" + model + "]";
    }
}
