package io.brushwork.engine.remote;

import io.brushwork.engine.BackendValues;
import io.brushwork.http.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link IoPaintEngine} finds an IOPaint server ({@code iopaint start --host ... --port ...}).
 *
 * @param baseUrl the server; the edit goes to {@code {baseUrl}/api/v1/inpaint}
 * @param timeout for the whole job, including a model switch
 * @param model   the IOPaint model to run ({@code lama}, {@code mat}, {@code runwayml/stable-diffusion-inpainting},
 *                ...); when present, every job first asks the server to switch to it (a no-op when it already runs
 *                it); when empty, whatever model the server was started with
 */
record IoPaintSettings(URI baseUrl, Duration timeout, Optional<String> model) {

    public IoPaintSettings {
        BaseUrls.check(baseUrl, "the IOPaint");
        Objects.requireNonNull(timeout, "timeout");
        model = model == null ? Optional.empty() : model.map(String::trim).filter(m -> !m.isEmpty());
        Deadline.requirePositive("the IOPaint timeout", timeout);
    }

    /** Reads a {@code type: iopaint} backend's keys. */
    public static IoPaintSettings from(BackendValues s) {
        IoPaintSettings settings = s.build(() -> new IoPaintSettings(s.uri("base-url"),
                s.duration("timeout", ProviderEngine.DEFAULT_TIMEOUT), s.optional("model")));
        s.rejectUnused();
        return settings;
    }

    URI inpaintUri() {
        return BaseUrls.resolve(baseUrl, "", "/api/v1/inpaint");
    }

    URI modelUri() {
        return BaseUrls.resolve(baseUrl, "", "/api/v1/model");
    }
}
