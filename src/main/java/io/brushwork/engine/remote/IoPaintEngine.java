package io.brushwork.engine.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.http.Deadline;
import io.brushwork.image.Mask;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edits through IOPaint's {@code POST /api/v1/inpaint}: JSON with the photo and the mask as base64 PNG, where the
 * mask is white where IOPaint fills (the reverse of Brushwork's upload convention). IOPaint answers with the image's
 * bytes and the seed it used in {@code X-Seed}, which is only logged: the job's seed went in as {@code sd_seed}.
 *
 * <p>Presets change nothing: IOPaint's own defaults decide quality (the request states the defaults it relies on,
 * so that a newer IOPaint with other defaults behaves the same). With a configured model, each job first switches
 * the server to it, so two backends with different models on one IOPaint server would keep switching it back and
 * forth: give each model its own server.
 */
public final class IoPaintEngine extends ProviderEngine {
    public static final BackendType TYPE =
            new BackendType("iopaint", (name, s) -> new IoPaintEngine(name, IoPaintSettings.from(s)));

    private static final Logger log = LoggerFactory.getLogger(IoPaintEngine.class);

    private final IoPaintSettings settings;
    private final Upstream upstream;

    IoPaintEngine(String name, IoPaintSettings settings) {
        this(name, settings, Clock.systemUTC());
    }

    IoPaintEngine(String name, IoPaintSettings settings, Clock clock) {
        super(name);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.upstream = new Upstream(name, settings.timeout(), List.of(), clock);
    }

    /**
     * IOPaint's erase models (LaMa, MAT, MI-GAN, ...) fill from the pixels around the hole, like the built-in
     * engines, so a mask covering everything is refused before it is sent.
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.FILLS_FROM_SURROUNDINGS);
    }

    @Override
    public long workingBytes(Mask mask) {
        return ProviderImages.workingBytes((long) mask.width() * mask.height());
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        Presets.check(name(), job.preset());
        Deadline deadline = Deadline.after(settings.timeout());
        settings.model().ifPresent(model -> switchTo(model, deadline));

        ObjectNode body = Json.object();
        body.put("image", ProviderImages.base64Png(job.image()));
        body.put("mask", ProviderImages.base64Png(
                ProviderImages.maskImage(job.mask(), 0xFFFFFFFF, 0xFF000000, false)));
        body.put("prompt", job.prompt() == null ? "" : job.prompt());
        body.put("negative_prompt", "");
        body.put("sd_seed", job.seed());
        body.put("hd_strategy", "Crop");
        body.put("hd_strategy_crop_margin", 128);
        body.put("hd_strategy_crop_trigger_size", 800);
        body.put("hd_strategy_resize_limit", 1280);
        body.put("sd_keep_unmasked_area", true);
        Upstream.Answer answer = upstream.call(jsonPost(settings.inpaintUri(), body), deadline);
        answer.header("X-Seed").ifPresent(seed -> log.debug("{}: IOPaint used seed {}", name(), seed));
        return Inpainted.of(ProviderImages.result(answer.body(), job.image(), upstream));
    }

    /**
     * {@code POST /api/v1/model}: IOPaint loads the model unless it already runs it. A refusal or a failure here
     * is the operator's to fix (an unknown model name, a model too slow to load within the timeout), and IOPaint
     * charges nothing, so anything but UNAVAILABLE or BUSY becomes MISCONFIGURED.
     */
    private void switchTo(String model, Deadline deadline) {
        ObjectNode body = Json.object();
        body.put("name", model);
        try {
            upstream.call(jsonPost(settings.modelUri(), body), deadline);
        } catch (BackendException e) {
            if (e.kind() == Kind.UNAVAILABLE || e.kind() == Kind.BUSY) {
                throw e;
            }
            throw upstream.failure(Kind.MISCONFIGURED, "IOPaint could not switch to model " + model + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private static HttpRequest.Builder jsonPost(java.net.URI uri, ObjectNode body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    }
}
