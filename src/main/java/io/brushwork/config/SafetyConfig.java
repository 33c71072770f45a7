package io.brushwork.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The checks of prompts and results. The image classifier's values are kept as written: the safety package reads
 * them only when a model is set, and reports their mistakes together as {@code safety-classifier-*}.
 *
 * @param promptCheck              whether prompts are checked against the term lists (a hit is Ideogram's 422)
 * @param promptTerms              an operator's term list (YAML) in place of the built-in one
 * @param classifierModel          the ONNX classifier results are checked with; empty for none
 * @param classifierInputSize      {@code WxH}, or one number for a square
 * @param classifierLayout         {@code NCHW} or {@code NHWC}
 * @param classifierMean           per-channel R, G, B mean, comma-separated
 * @param classifierStd            per-channel R, G, B standard deviation, comma-separated
 * @param classifierLabels         the output's classes in order, comma-separated
 * @param classifierUnsafeLabels   the classes that count as unsafe, comma-separated
 * @param classifierThreshold      unsafe when their summed probability is at least this, 0..1
 * @param classifierSoftmax        whether the output is logits rather than probabilities
 */
public record SafetyConfig(
        boolean promptCheck,
        Optional<Path> promptTerms,
        Optional<Path> classifierModel,
        String classifierInputSize,
        String classifierLayout,
        String classifierMean,
        String classifierStd,
        String classifierLabels,
        String classifierUnsafeLabels,
        String classifierThreshold,
        boolean classifierSoftmax) {

    public static final boolean DEFAULT_PROMPT_CHECK = true;
    public static final String DEFAULT_CLASSIFIER_INPUT_SIZE = "224x224";
    public static final String DEFAULT_CLASSIFIER_LAYOUT = "NCHW";
    /** ImageNet's, which most classifiers were trained with. */
    public static final String DEFAULT_CLASSIFIER_MEAN = "0.485,0.456,0.406";
    public static final String DEFAULT_CLASSIFIER_STD = "0.229,0.224,0.225";
    public static final String DEFAULT_CLASSIFIER_LABELS = "safe,unsafe";
    public static final String DEFAULT_CLASSIFIER_UNSAFE_LABELS = "unsafe";
    public static final String DEFAULT_CLASSIFIER_THRESHOLD = "0.5";
    public static final boolean DEFAULT_CLASSIFIER_SOFTMAX = true;

    public static SafetyConfig from(ConfigValues v) {
        return new SafetyConfig(
                v.bool("safety-prompt-check").orElse(DEFAULT_PROMPT_CHECK),
                v.path("safety-prompt-terms"),
                v.path("safety-classifier-model"),
                v.text("safety-classifier-input-size").orElse(DEFAULT_CLASSIFIER_INPUT_SIZE),
                v.text("safety-classifier-layout").orElse(DEFAULT_CLASSIFIER_LAYOUT),
                v.text("safety-classifier-mean").orElse(DEFAULT_CLASSIFIER_MEAN),
                v.text("safety-classifier-std").orElse(DEFAULT_CLASSIFIER_STD),
                v.text("safety-classifier-labels").orElse(DEFAULT_CLASSIFIER_LABELS),
                v.text("safety-classifier-unsafe-labels").orElse(DEFAULT_CLASSIFIER_UNSAFE_LABELS),
                v.text("safety-classifier-threshold").orElse(DEFAULT_CLASSIFIER_THRESHOLD),
                v.bool("safety-classifier-softmax").orElse(DEFAULT_CLASSIFIER_SOFTMAX));
    }
}
