package io.brushwork.cli;

import io.brushwork.Brushwork;
import io.brushwork.Editor;
import io.brushwork.auth.InflightLimits;
import io.brushwork.auth.ApiKey;
import io.brushwork.config.BrushworkConfig;
import io.brushwork.edit.EditException;
import io.brushwork.edit.EditForm;
import io.brushwork.edit.EditRequest;
import io.brushwork.edit.Edited;
import io.brushwork.edit.EditedImage;
import io.brushwork.edit.ResultStore;
import io.brushwork.edit.Submission;
import io.brushwork.edit.UploadMemory;
import io.brushwork.engine.BackendException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Run one edit without a server: the same validation, service and pipeline as POST /edit. Writes"
                + " one PNG per image and prints their paths.")
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
    public Integer call() {
        BrushworkConfig config = options.load();
        String base = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        ResultStore files = new ResultStore() {
            @Override
            public String keep(EditedImage edited, Optional<ApiKey> owner) {
                return write(out.resolve(base + "-edit-" + edited.seed() + ".png"), edited);
            }

            @Override
            public void discard(String location) {
                try {
                    Files.deleteIfExists(Path.of(location));
                } catch (IOException e) {
                    System.err.println("could not remove " + location + " of the failed edit: " + e.getMessage());
                }
            }
        };
        Edited edited;
        try (Editor editor = Editor.open(config, Brushwork.backends(config), Clock.systemUTC())) {
            // Usage is the server's accounting of its clients; a local run has none to keep.
            edited = editor.service(files, row -> { }, InflightLimits.inMemory()).edit(new CliSubmission(editor, config));
        } catch (EditException e) {
            throw new CliException(e.getMessage());
        } catch (BackendException e) {
            // Not a mistake in the call: the model's backends could not do it. The operator may see why.
            System.err.println("error: the model's backend could not make the image: " + e.getMessage());
            return 1;
        }
        for (Edited.Image kept : edited.images()) {
            if (kept.location().isPresent()) {
                System.out.println(kept.location().get());
            } else {
                System.err.println("seed " + kept.image().seed()
                        + ": the result failed the image safety check; not written");
            }
        }
        return 0;
    }

    /** The options as an edit form, with the files read from disk under the same size limit as uploads. */
    private final class CliSubmission implements Submission<EditRequest> {
        private final Editor editor;
        private final BrushworkConfig config;

        CliSubmission(Editor editor, BrushworkConfig config) {
            this.editor = editor;
            this.config = config;
        }

        @Override
        public String requestId() {
            return "cli";
        }

        @Override
        public String path() {
            return "cli";
        }

        @Override
        public Optional<ApiKey> caller() {
            return Optional.empty();
        }

        @Override
        public EditRequest read(UploadMemory memory) {
            memory.reserve(size(image) + size(mask));
            Map<String, byte[]> files = Map.of("image_file", read(image), "mask", read(mask));
            Map<String, String> texts = new HashMap<>();
            texts.put("prompt", prompt);
            putText(texts, "model", model);
            putText(texts, "seed", seed);
            putText(texts, "num_images", numImages);
            putText(texts, "style_type", styleType);
            putText(texts, "magic_prompt_option", magicPrompt);
            return editor.requests().read(EditForm.of(files, texts));
        }

        private long size(Path file) {
            try {
                return Files.isRegularFile(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }

        private byte[] read(Path file) {
            try {
                return EditCommand.read(file, config.limits().maxFileSize());
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }

        /** The exit status the failure ends the command with; a local run records no usage to put it in. */
        @Override
        public int statusOf(RuntimeException failure) {
            return failure instanceof EditException || failure instanceof CliException ? 2 : 1;
        }
    }

    private static String write(Path file, EditedImage image) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, image.png());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file.toString();
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

    private static void putText(Map<String, String> texts, String name, String value) {
        if (value != null) {
            texts.put(name, value);
        }
    }
}
