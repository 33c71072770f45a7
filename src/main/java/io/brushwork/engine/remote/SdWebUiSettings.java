package io.brushwork.engine.remote;

import io.brushwork.engine.BackendValues;
import io.brushwork.http.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link SdWebUiEngine} finds a Stable Diffusion WebUI (AUTOMATIC1111) or Forge server started with
 * {@code --api}, and how it should inpaint.
 *
 * @param baseUrl           the server; the edit and a remix go to {@code {baseUrl}/sdapi/v1/img2img}, a generate to
 *                          {@code .../txt2img}
 * @param timeout           for the whole job
 * @param denoisingStrength 0..1, how far the hole may move from its start (see {@code inpaintingFill}); 0.75 by
 *                          default; a remix takes its strength from its image weight instead
 * @param inpaintingFill    what the hole starts from: 0 fill, 1 original (the default), 2 latent noise,
 *                          3 latent nothing
 * @param inpaintFullRes    false (the default) to paint the whole picture at the photo's size; true for "only
 *                          masked", which paints a crop around the hole upscaled to the photo's size, and so costs
 *                          far more on large photos
 * @param steps             sampling steps, 20 by default
 * @param sampler           {@code sampler_name}, or the server's default when empty
 * @param apiAuth           {@code user:password} for a server started with {@code --api-auth}, sent as Basic auth
 */
record SdWebUiSettings(URI baseUrl, Duration timeout, double denoisingStrength, int inpaintingFill,
                              boolean inpaintFullRes, int steps, Optional<String> sampler,
                              Optional<String> apiAuth) {
    public static final double DEFAULT_DENOISING_STRENGTH = 0.75;
    public static final int DEFAULT_INPAINTING_FILL = 1;
    public static final int DEFAULT_STEPS = 20;

    public SdWebUiSettings {
        BaseUrls.check(baseUrl, "the SD WebUI");
        Objects.requireNonNull(timeout, "timeout");
        sampler = sampler == null ? Optional.empty() : sampler.map(String::trim).filter(s -> !s.isEmpty());
        apiAuth = apiAuth == null ? Optional.empty() : apiAuth.filter(a -> !a.isBlank());
        Deadline.requirePositive("the SD WebUI timeout", timeout);
        if (!(denoisingStrength >= 0 && denoisingStrength <= 1)) {
            throw new IllegalArgumentException("denoising strength must be within 0..1, got " + denoisingStrength);
        }
        if (inpaintingFill < 0 || inpaintingFill > 3) {
            throw new IllegalArgumentException("inpainting fill must be 0 (fill), 1 (original), 2 (latent noise) or "
                    + "3 (latent nothing), got " + inpaintingFill);
        }
        if (steps < 1 || steps > 150) {
            throw new IllegalArgumentException("steps must be within 1..150, got " + steps);
        }
        if (apiAuth.isPresent() && !apiAuth.get().contains(":")) {
            throw new IllegalArgumentException("the SD WebUI API auth is written user:password");
        }
    }

    /** The defaults above for a server at {@code baseUrl}. */
    public static SdWebUiSettings defaults(URI baseUrl, Duration timeout) {
        return new SdWebUiSettings(baseUrl, timeout, DEFAULT_DENOISING_STRENGTH, DEFAULT_INPAINTING_FILL, false,
                DEFAULT_STEPS, Optional.empty(), Optional.empty());
    }

    /** Reads a {@code type: sd-webui} backend's keys. */
    public static SdWebUiSettings from(BackendValues s) {
        SdWebUiSettings settings = s.build(() -> new SdWebUiSettings(s.uri("base-url"),
                s.duration("timeout", ProviderEngine.DEFAULT_TIMEOUT),
                s.number("denoising-strength", DEFAULT_DENOISING_STRENGTH),
                s.integer("inpainting-fill", DEFAULT_INPAINTING_FILL),
                Boolean.parseBoolean(s.text("inpaint-full-res", "false")), s.integer("steps", DEFAULT_STEPS),
                s.optional("sampler"), s.optional("api-auth")));
        s.rejectUnused();
        return settings;
    }

    URI img2imgUri() {
        return BaseUrls.resolve(baseUrl, "", "/sdapi/v1/img2img");
    }

    URI txt2imgUri() {
        return BaseUrls.resolve(baseUrl, "", "/sdapi/v1/txt2img");
    }

    /** Masks the password, so logging the settings cannot leak it. */
    @Override
    public String toString() {
        return "SdWebUiSettings[baseUrl=" + baseUrl + ", timeout=" + timeout + ", denoisingStrength="
                + denoisingStrength + ", inpaintingFill=" + inpaintingFill + ", inpaintFullRes=" + inpaintFullRes
                + ", steps=" + steps + ", sampler=" + sampler.orElse("default")
                + ", apiAuth=" + (apiAuth.isPresent() ? "***" : "none") + "]";
    }
}
