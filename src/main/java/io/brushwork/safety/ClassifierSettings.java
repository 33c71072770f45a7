package io.brushwork.safety;

import io.brushwork.config.ConfigException;
import io.brushwork.config.SafetyConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to run an image classifier exported to ONNX: where it is, the input it expects and how to read its output.
 * Most published NSFW classifiers fit: for example a 224x224 NHWC Keras model with mean 0 and std 1 whose output
 * is already softmaxed ({@code applySoftmax = false}), or a ViT exported from PyTorch, 224x224 NCHW with mean and
 * std 0.5 and raw logits ({@code applySoftmax = true}).
 *
 * @param model        the {@code .onnx} file
 * @param inputWidth   width the image is resized to
 * @param inputHeight  height the image is resized to
 * @param layout       tensor layout of the model's input
 * @param mean         per-channel R, G, B mean, subtracted from the 0..1 value
 * @param std          per-channel R, G, B standard deviation the centred value is divided by
 * @param labels       the output's class names, in output order
 * @param unsafeLabels the labels whose probabilities add up to the unsafe score
 * @param threshold    an image is unsafe when its unsafe score is at or above this, 0..1
 * @param applySoftmax whether the output is logits (softmax them) rather than probabilities
 */
public record ClassifierSettings(
        Path model,
        int inputWidth,
        int inputHeight,
        Layout layout,
        float[] mean,
        float[] std,
        List<String> labels,
        Set<String> unsafeLabels,
        double threshold,
        boolean applySoftmax) {

    /** Where the channel axis sits in the input tensor; the batch axis always comes first, with one image. */
    public enum Layout {
        /** {@code [1, 3, height, width]}: PyTorch's order. */
        NCHW,
        /** {@code [1, height, width, 3]}: TensorFlow and Keras's order. */
        NHWC
    }

    public ClassifierSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(unsafeLabels, "unsafeLabels");
        if (inputWidth <= 0 || inputHeight <= 0) {
            throw new IllegalArgumentException(
                    "classifier input size must be positive: " + inputWidth + "x" + inputHeight);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("classifier mean and std need one value per R, G, B channel, got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < 3; c++) {
            if (!Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("classifier mean must be finite: " + Arrays.toString(mean));
            }
            if (!(std[c] > 0) || !Float.isFinite(std[c])) {
                throw new IllegalArgumentException("classifier std must be positive: " + Arrays.toString(std));
            }
        }
        labels = List.copyOf(labels);
        unsafeLabels = Set.copyOf(unsafeLabels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("classifier labels are empty");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("classifier labels repeat a name: " + labels);
        }
        if (unsafeLabels.isEmpty()) {
            throw new IllegalArgumentException("classifier unsafe labels are empty, so nothing could be unsafe");
        }
        for (String label : unsafeLabels) {
            if (!labels.contains(label)) {
                throw new IllegalArgumentException(
                        "unsafe label '" + label + "' is not one of the classifier labels " + labels);
            }
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("classifier threshold must be between 0 and 1, got " + threshold);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * The classifier the operator configured, or empty for none (no model).
     *
     * @throws ConfigException if a value does not parse or the settings do not make sense together
     */
    public static Optional<ClassifierSettings> from(SafetyConfig config) {
        if (config.classifierModel().isEmpty()) {
            return Optional.empty();
        }
        String size = config.classifierInputSize().toLowerCase(Locale.ROOT);
        String[] wh = size.contains("x") ? size.split("x", 2) : new String[] {size, size};
        try {
            return Optional.of(new ClassifierSettings(config.classifierModel().get(), Integer.parseInt(wh[0].trim()),
                    Integer.parseInt(wh[1].trim()), Layout.valueOf(config.classifierLayout().toUpperCase(Locale.ROOT)),
                    floats(config.classifierMean()), floats(config.classifierStd()),
                    List.of(list(config.classifierLabels())), Set.of(list(config.classifierUnsafeLabels())),
                    Double.parseDouble(config.classifierThreshold()), config.classifierSoftmax()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("safety-classifier-*: " + e.getMessage());
        }
    }

    private static String[] list(String commaSeparated) {
        return commaSeparated.split("\\s*,\\s*");
    }

    private static float[] floats(String commaSeparated) {
        String[] parts = list(commaSeparated);
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }

    /** Per-channel R, G, B mean (a copy). */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** Per-channel R, G, B standard deviation (a copy). */
    @Override
    public float[] std() {
        return std.clone();
    }

    // Records compare arrays by identity; settings are values, so compare their contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof ClassifierSettings s
                && model.equals(s.model) && inputWidth == s.inputWidth && inputHeight == s.inputHeight
                && layout == s.layout && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std)
                && labels.equals(s.labels) && unsafeLabels.equals(s.unsafeLabels)
                && Double.compare(threshold, s.threshold) == 0 && applySoftmax == s.applySoftmax;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, inputWidth, inputHeight, layout, Arrays.hashCode(mean), Arrays.hashCode(std),
                labels, unsafeLabels, threshold, applySoftmax);
    }

    @Override
    public String toString() {
        return "ClassifierSettings[model=" + model + ", input=" + inputWidth + "x" + inputHeight + " " + layout
                + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ", labels=" + labels
                + ", unsafeLabels=" + unsafeLabels + ", threshold=" + threshold + ", applySoftmax=" + applySoftmax
                + "]";
    }
}
