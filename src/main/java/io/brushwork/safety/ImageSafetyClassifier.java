package io.brushwork.safety;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.brushwork.image.ArgbImage;
import io.brushwork.onnx.OnnxSessions;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges finished images with an image classifier exported to ONNX, run by ONNX Runtime on the CPU. One session is
 * opened per classifier and shared: ONNX Runtime allows concurrent runs on a session, so {@link #classify} may be
 * called from every edit worker at once. Each run uses one thread, so classification adds to an edit's own
 * thread instead of competing with the other workers for cores.
 *
 * <p>The model is checked when opened: one float image input whose shape fits the settings (fixed dimensions must
 * equal them; dynamic ones accept them) and a float output with one score per label. Any mismatch fails there,
 * with what the model has and what the settings ask for, rather than on the first edit.
 */
public final class ImageSafetyClassifier implements AutoCloseable {
    /**
     * @param safe        whether the unsafe score is below the threshold (a score that is not a number is unsafe)
     * @param topLabel    the label with the highest probability
     * @param unsafeScore the summed probabilities of the unsafe labels
     */
    public record Verdict(boolean safe, String topLabel, double unsafeScore) {
        public Verdict {
            Objects.requireNonNull(topLabel, "topLabel");
        }
    }

    private final ClassifierSettings settings;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final long[] inputShape;
    private volatile boolean closed;

    private ImageSafetyClassifier(ClassifierSettings settings, OrtEnvironment env, OrtSession session,
            String inputName, String outputName) {
        this.settings = settings;
        this.env = env;
        this.session = session;
        this.inputName = inputName;
        this.outputName = outputName;
        this.inputShape = expectedInputShape(settings);
    }

    /**
     * Loads the model and checks it against the settings.
     *
     * @throws IllegalArgumentException if the model file is missing or not a valid ONNX model, or its input or
     *                                  output does not fit the settings
     */
    public static ImageSafetyClassifier open(ClassifierSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!Files.isRegularFile(settings.model())) {
            throw new IllegalArgumentException("classifier model " + settings.model() + " is not a file");
        }
        OrtEnvironment env = OnnxSessions.environment();
        OrtSession session;
        try {
            session = OnnxSessions.open(settings.model(), 1, true); // inputs of one size
        } catch (OrtException e) {
            throw new IllegalArgumentException(
                    "cannot load classifier model " + settings.model() + ": " + e.getMessage(), e);
        }
        try {
            String input = checkInput(settings, session.getInputInfo());
            String output = findOutput(settings, session.getOutputInfo());
            return new ImageSafetyClassifier(settings, env, session, input, output);
        } catch (OrtException e) {
            OnnxSessions.closeAfter(session, e);
            throw new IllegalArgumentException(
                    "cannot read the inputs and outputs of " + settings.model() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            OnnxSessions.closeAfter(session, e);
            throw e;
        }
    }

    public ClassifierSettings settings() {
        return settings;
    }

    /**
     * Runs the classifier on one image.
     *
     * @throws IllegalStateException if the classifier is closed or ONNX Runtime fails
     */
    public Verdict classify(ArgbImage image) {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException("the image classifier is closed");
        }
        float[] data = ClassifierInput.tensor(image, settings);
        float[] scores;
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), inputShape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxValue value = result.get(0);
            FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
            scores = new float[buffer.remaining()];
            buffer.get(scores);
        } catch (OrtException e) {
            throw new IllegalStateException("the image classifier failed: " + e.getMessage(), e);
        }
        List<String> labels = settings.labels();
        if (scores.length != labels.size()) {
            throw new IllegalStateException("classifier output '" + outputName + "' has " + scores.length
                    + " scores but " + labels.size() + " labels are configured " + labels);
        }
        double[] probabilities = settings.applySoftmax() ? softmax(scores) : toDouble(scores);
        int top = 0;
        double unsafe = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[top]) {
                top = i;
            }
            if (settings.unsafeLabels().contains(labels.get(i))) {
                unsafe += probabilities[i];
            }
        }
        // written so that NaN is unsafe: a broken score must not let an image through
        boolean safe = unsafe < settings.threshold();
        return new Verdict(safe, labels.get(top), unsafe);
    }

    /** Closes the session. Call it once no {@link #classify} is running; later calls to it fail. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            OnnxSessions.close(session, "the image classifier");
        }
    }

    private static long[] expectedInputShape(ClassifierSettings s) {
        return s.layout() == ClassifierSettings.Layout.NCHW
                ? new long[] {1, 3, s.inputHeight(), s.inputWidth()}
                : new long[] {1, s.inputHeight(), s.inputWidth(), 3};
    }

    private static String checkInput(ClassifierSettings settings, Map<String, NodeInfo> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("classifier model " + settings.model() + " has " + inputs.size()
                    + " inputs " + inputs.keySet() + "; it must have exactly one, the image");
        }
        NodeInfo input = inputs.values().iterator().next();
        long[] expected = expectedInputShape(settings);
        String wanted = settings.layout() + " " + Arrays.toString(expected);
        if (!(input.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("classifier model input '" + input.getName() + "' is "
                    + describe(input.getInfo()) + "; it must be a float tensor " + wanted);
        }
        long[] shape = tensor.getShape();
        boolean fits = shape.length == expected.length;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = shape[i] < 0 || shape[i] == expected[i]; // negative: a dynamic dimension
        }
        if (!fits) {
            throw new IllegalArgumentException("classifier model input '" + input.getName() + "' has shape "
                    + Arrays.toString(shape) + " but the settings ask for " + wanted
                    + " (check the input size and layout)");
        }
        return input.getName();
    }

    /** The first float output shaped {@code [classes]} or {@code [1, classes]} with one class per label. */
    private static String findOutput(ClassifierSettings settings, Map<String, NodeInfo> outputs) {
        int classes = settings.labels().size();
        List<String> seen = new ArrayList<>();
        for (NodeInfo output : outputs.values()) {
            seen.add("'" + output.getName() + "' " + describe(output.getInfo()));
            if (output.getInfo() instanceof TensorInfo tensor && tensor.type == OnnxJavaType.FLOAT) {
                long[] shape = tensor.getShape();
                boolean fits = shape.length == 1 && (shape[0] < 0 || shape[0] == classes)
                        || shape.length == 2 && (shape[0] == 1 || shape[0] < 0)
                        && (shape[1] < 0 || shape[1] == classes);
                if (fits) {
                    return output.getName();
                }
            }
        }
        throw new IllegalArgumentException("classifier model " + settings.model() + " has no float output of "
                + classes + " classes to match the labels " + settings.labels() + "; its outputs are " + seen);
    }

    private static String describe(ValueInfo info) {
        if (info instanceof TensorInfo tensor) {
            return tensor.type.toString().toLowerCase(Locale.ROOT) + " "
                    + Arrays.toString(tensor.getShape());
        }
        return info.toString();
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
