package io.brushwork.edit;

import io.brushwork.engine.InpaintEngine;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.ImageInfo;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.Mask;
import io.brushwork.image.PngEncoder;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.StyleType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The edit itself, with no HTTP and no storage. Read the photo's and the mask's headers, check them against the
 * pixel limit and each other, and reserve the memory the edit needs; decode both and binarise the mask. If nothing is masked, the photo is the result. Otherwise run the model's engine
 * once per image, seed {@code (s + i) mod 2^31} for image {@code i}, and put every unmasked pixel back exactly as
 * decoded. Each image's prompt is the client's, or its Magic Prompt rewrite. Encode each result as PNG.
 */
public final class EditPipeline {
    private static final long SEED_SPACE = 1L << 31;

    private final ModelCatalog models;
    private final ImageDecoder decoder;
    private final MemoryBudget memory;
    private final MagicPrompt magicPrompt;

    public EditPipeline(ModelCatalog models, ImageDecoder decoder, MemoryBudget memory, MagicPrompt magicPrompt) {
        this.models = models;
        this.decoder = decoder;
        this.memory = memory;
        this.magicPrompt = magicPrompt;
    }

    public ModelCatalog models() {
        return models;
    }

    public EditResult run(EditRequest request) {
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
        for (int i = 0; i < request.numImages(); i++) {
            int seed = (int) ((baseSeed + (long) i) % SEED_SPACE);
            // Each image gets its own rewrite, seeded like its pixels, so it can be remade alone.
            String prompt = magicPrompt.apply(request.prompt(), request.magicPrompt(), style, seed);
            long t0 = System.nanoTime();
            ArgbImage result = mask.isEmpty() ? image
                    : keepUnmasked(image, mask, engine.inpaint(image, mask, prompt, seed, model.preset()));
            long t1 = System.nanoTime();
            byte[] png;
            if (result == image) {
                png = unchangedPng == null ? (unchangedPng = PngEncoder.encode(image)) : unchangedPng;
            } else {
                png = PngEncoder.encode(result);
            }
            long t2 = System.nanoTime();
            engineNanos += t1 - t0;
            encodeNanos += t2 - t1;
            images.add(new EditedImage(seed, png, image.width(), image.height(), prompt, style, true));
        }
        return new EditResult(images, engine.name(), Duration.ofNanos(decodeNanos), Duration.ofNanos(engineNanos),
                Duration.ofNanos(encodeNanos));
    }

    private ArgbImage decode(byte[] bytes, String field) {
        try {
            return decoder.decode(bytes);
        } catch (InvalidImageException e) {
            throw new InvalidEditException(field + " " + e.getMessage());
        }
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
