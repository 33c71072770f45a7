package io.brushwork.edit;

import io.brushwork.describe.Describer;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.ImageInfo;
import io.brushwork.image.InvalidImageException;
import io.brushwork.safety.ImageSafetyClassifier;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /describe}: the photo decoded within the memory budget, checked by the image classifier when there
 * is one (an unsafe photo is Ideogram's 422 {@code ImageSafetyError}), and described by the configured vision
 * model. Without one, a 503 says what to configure.
 */
public final class ImageDescriber {
    private final ImageDecoder decoder;
    private final MemoryBudget memory;
    private final Optional<ImageSafetyClassifier> imageSafety;
    private final Optional<Describer> describer;

    public ImageDescriber(ImageDecoder decoder, MemoryBudget memory, Optional<ImageSafetyClassifier> imageSafety,
                          Optional<Describer> describer) {
        this.decoder = decoder;
        this.memory = memory;
        this.imageSafety = imageSafety;
        this.describer = describer;
    }

    public List<String> describe(byte[] photo) {
        Describer model = describer.orElseThrow(() -> new NotConfiguredException(Describer.NOT_CONFIGURED));
        try (EditMemory held = new EditMemory(memory)) {
            ImageInfo info = decoder.probe(photo);
            held.reserve(info, "image_file");
            ArgbImage image = decoder.decode(photo);
            if (!imageSafety.map(c -> c.classify(image).safe()).orElse(true)) {
                throw UnsafePromptException.image();
            }
            return model.describe(image);
        } catch (InvalidImageException e) {
            throw new InvalidEditException("image_file " + e.getMessage());
        }
    }
}
