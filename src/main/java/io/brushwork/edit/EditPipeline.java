package io.brushwork.edit;

import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.ImageInfo;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.Mask;
import io.brushwork.image.PngEncoder;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.StyleType;
import io.brushwork.safety.ImageSafetyClassifier;
import io.brushwork.safety.PromptSafety;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edit itself, with no HTTP and no storage. Check the prompt against the safety lists. Read the photo's and the mask's headers, check them against the
 * pixel limit and each other, and reserve the memory the edit needs; decode both and binarise the mask. If nothing is masked, the photo is the result. Otherwise run the model's engine
 * once per image, seed {@code (s + i) mod 2^31} for image {@code i}, and put every unmasked pixel back exactly as
 * decoded. Each image's prompt is the client's, or its Magic Prompt rewrite. Check each result with the image
 * classifier, if there is one, and encode the safe ones as PNG; unsafe ones keep no pixels.
 */
public final class EditPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EditPipeline.class);
    private static final long SEED_SPACE = 1L << 31;

    private final ModelCatalog models;
    private final ImageDecoder decoder;
    private final MemoryBudget memory;
    private final MagicPrompt magicPrompt;
    private final Optional<PromptSafety> promptSafety;
    private final Optional<ImageSafetyClassifier> imageSafety;

    public EditPipeline(ModelCatalog models, ImageDecoder decoder, MemoryBudget memory, MagicPrompt magicPrompt,
                        Optional<PromptSafety> promptSafety, Optional<ImageSafetyClassifier> imageSafety) {
        this.models = models;
        this.decoder = decoder;
        this.memory = memory;
        this.magicPrompt = magicPrompt;
        this.promptSafety = promptSafety;
        this.imageSafety = imageSafety;
    }

    /**
     * The prompt check, before any work: a hit is Ideogram's 422. Which category matched goes to the log, never the
     * prompt itself.
     */
    public void screen(EditRequest request) {
        promptSafety.flatMap(s -> s.check(request.prompt())).ifPresent(v -> {
            log.info("prompt refused by the safety check (category {})", v.category());
            throw new UnsafePromptException();
        });
    }

    /** A rewrite that the check would refuse (an LLM can add anything) gives way to the prompt as sent. */
    private String safeRewrite(String rewrite, String original) {
        if (rewrite.equals(original) || promptSafety.flatMap(s -> s.check(rewrite)).isEmpty()) {
            return rewrite;
        }
        log.warn("a Magic Prompt rewrite failed the safety check; using the prompt as sent");
        return original;
    }

    public ModelCatalog models() {
        return models;
    }

    public EditResult run(EditRequest request) {
        screen(request);
        ModelCatalog.Model model = models.require(request.model());
        int baseSeed = request.seed().orElseGet(() -> ThreadLocalRandom.current().nextInt() & Integer.MAX_VALUE);
        StyleType style = request.styleType().orElse(StyleType.AUTO);

        ImageInfo imageInfo = probe(request.image(), "image_file");
        ImageInfo maskInfo = probe(request.mask(), "mask");
        if (imageInfo.width() != maskInfo.width() || imageInfo.height() != maskInfo.height()) {
            throw new InvalidEditException("mask is " + maskInfo.resolution() + " but image_file is "
                    + imageInfo.resolution() + "; the mask must have the image's width and height");
        }
        try (MemoryBudget.Reservation images = memory.reserve(imageInfo)) {
            return edit(request, model, imageInfo, baseSeed, style);
        }
    }

    private EditResult edit(EditRequest request, ModelCatalog.Model model, ImageInfo imageInfo, int baseSeed,
                            StyleType style) {
        InpaintEngine engine = model.engine();
        long start = System.nanoTime();
        ArgbImage image = decode(request.image(), "image_file");
        Mask mask = Mask.fromImage(decode(request.mask(), "mask"));
        if (mask.isFull() && engine.needsKnownPixels()) {
            throw new InvalidEditException("mask is black everywhere, so nothing of the photo is kept; model "
                    + model.name() + " (engine " + engine.name() + ") fills the black region from the pixels "
                    + "around it, so some of the mask must be white");
        }
        long decoded = System.nanoTime();
        try (MemoryBudget.Reservation working = memory.reserveWorking(
                mask.isEmpty() ? 0 : engine.workingBytes(mask), imageInfo)) {
            return run(request, model, image, mask, baseSeed, style, decoded - start);
        }
    }

    private EditResult run(EditRequest request, ModelCatalog.Model model, ArgbImage image, Mask mask, int baseSeed,
                           StyleType style, long decodeNanos) {
        InpaintEngine engine = model.engine();

        long engineNanos = 0;
        long encodeNanos = 0;
        byte[] unchangedPng = null;
        List<EditedImage> images = new ArrayList<>(request.numImages());
        java.util.Set<String> backends = new java.util.LinkedHashSet<>();
        for (int i = 0; i < request.numImages(); i++) {
            int seed = (int) ((baseSeed + (long) i) % SEED_SPACE);
            // Each image gets its own rewrite, seeded like its pixels, so it can be remade alone; a backend that
            // rewrites prompts itself gets the client's prompt and reports its own.
            String prompt = engine.rewritesPrompts() ? request.prompt()
                    : safeRewrite(magicPrompt.apply(request.prompt(), request.magicPrompt(), style, seed),
                    request.prompt());
            long t0 = System.nanoTime();
            boolean backendSafe = true;
            ArgbImage result = image;
            if (!mask.isEmpty()) {
                Inpainted done = engine.inpaint(new InpaintJob(image, mask, prompt, request.prompt(), seed,
                        model.preset(), request.magicPrompt(), style));
                result = keepUnmasked(image, mask, done.image());
                prompt = done.prompt().orElse(prompt);
                backendSafe = done.safe();
                backends.add(done.backend().orElse(engine.name()));
            }
            ArgbImage finished = result;
            boolean safe = backendSafe && imageSafety.map(c -> c.classify(finished).safe()).orElse(true);
            long t1 = System.nanoTime();
            byte[] png;
            if (!safe) {
                png = null; // an unsafe image is never encoded or stored
            } else if (result == image) {
                png = unchangedPng == null ? (unchangedPng = PngEncoder.encode(image)) : unchangedPng;
            } else {
                png = PngEncoder.encode(result);
            }
            long t2 = System.nanoTime();
            engineNanos += t1 - t0;
            encodeNanos += t2 - t1;
            images.add(new EditedImage(seed, png, image.width(), image.height(), prompt, style, safe));
        }
        String servedBy = backends.isEmpty() ? engine.name() : String.join(",", backends);
        return new EditResult(images, servedBy, Duration.ofNanos(decodeNanos), Duration.ofNanos(engineNanos),
                Duration.ofNanos(encodeNanos));
    }

    private ArgbImage decode(byte[] bytes, String field) {
        try {
            return decoder.decode(bytes);
        } catch (InvalidImageException e) {
            throw new InvalidEditException(field + " " + e.getMessage());
        }
    }

    /** Releases the image classifier's session, if there is one. */
    @Override
    public void close() {
        imageSafety.ifPresent(ImageSafetyClassifier::close);
    }

    private ImageInfo probe(byte[] bytes, String field) {
        try {
            return decoder.probe(bytes);
        } catch (InvalidImageException e) {
            throw new InvalidEditException(field + " " + e.getMessage());
        }
    }

    /** Whatever an engine did outside the hole, the result keeps the decoded input's pixels there. */
    private static ArgbImage keepUnmasked(ArgbImage original, Mask mask, ArgbImage result) {
        if (result.width() != original.width() || result.height() != original.height()) {
            throw new IllegalStateException("engine returned " + result.resolution() + " for a "
                    + original.resolution() + " image");
        }
        int[] in = original.pixels();
        int[] out = result.pixels();
        boolean[] hole = mask.cells();
        for (int i = 0; i < in.length; i++) {
            if (!hole[i]) {
                out[i] = in[i];
            }
        }
        return new ArgbImage(result.width(), result.height(), out, original.hasAlpha());
    }
}
