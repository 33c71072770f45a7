package io.brushwork.cli;

import io.brushwork.Brushwork;
import io.brushwork.config.BrushworkConfig;
import io.brushwork.edit.EditRequest;
import io.brushwork.edit.EditRequestReader;
import io.brushwork.edit.EditResult;
import io.brushwork.edit.EditedImage;
import io.brushwork.edit.InvalidEditException;
import io.brushwork.edit.ModelCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Run one edit without a server: the same validation and pipeline as POST /edit. Writes one PNG"
                + " per image and prints their paths.")
final class EditCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "JPEG, PNG or WebP photo.")
    Path image;

    @Option(names = "--mask", required = true, paramLabel = "FILE",
            description = "Mask of the same size: black = repaint, white = keep.")
    Path mask;

    @Option(names = "--prompt", defaultValue = "", description = "What the edited region should show.")
    String prompt;

    @Option(names = "--model", description = "Model name (default V_2).")
    String model;

    @Option(names = "--seed", description = "0..2147483647; image i uses seed + i.")
    String seed;

    @Option(names = "--num-images", paramLabel = "N", description = "1..8 (default 1).")
    String numImages;

    @Option(names = "--style-type", paramLabel = "S", description = "AUTO, GENERAL, REALISTIC, DESIGN, ...")
    String styleType;

    @Option(names = "--magic-prompt", paramLabel = "OPTION", description = "AUTO, ON or OFF.")
    String magicPrompt;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where to write the PNGs.")
    Path out;

    @Override
    public Integer call() throws IOException {
        BrushworkConfig config = options.load();
        ModelCatalog models = ModelCatalog.of(config.models().routes(), Brushwork.engines(config));
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("image_file", read(image, config.limits().maxFileSize()));
        fields.put("mask", read(mask, config.limits().maxFileSize()));
        fields.put("prompt", prompt.getBytes(StandardCharsets.UTF_8));
        putText(fields, "model", model);
        putText(fields, "seed", seed);
        putText(fields, "num_images", numImages);
        putText(fields, "style_type", styleType);
        putText(fields, "magic_prompt_option", magicPrompt);
        EditResult result;
        try {
            EditRequest request = new EditRequestReader(models).read(fields);
            result = Brushwork.pipeline(config, models).run(request);
        } catch (InvalidEditException e) {
            throw new CliException(e.getMessage());
        }
        Files.createDirectories(out);
        String base = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        for (EditedImage edited : result.images()) {
            if (edited.png() == null) {
                System.err.println("seed " + edited.seed() + ": the result failed the image safety check; not written");
                continue;
            }
            Path file = out.resolve(base + "-edit-" + edited.seed() + ".png");
            Files.write(file, edited.png());
            System.out.println(file);
        }
        return 0;
    }

    private static byte[] read(Path file, long maxFileSize) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException("no such file: " + file);
        }
        if (Files.size(file) > maxFileSize) {
            throw new CliException(file + " is larger than max-file-size (" + maxFileSize + " bytes)");
        }
        return Files.readAllBytes(file);
    }

    private static void putText(Map<String, byte[]> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
