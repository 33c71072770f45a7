package io.brushwork.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.BackendType;
import io.brushwork.engine.Cancellation;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.engine.onnx.HoleCrops.Crop;
import io.brushwork.engine.onnx.OnnxModelSettings.DataType;
import io.brushwork.engine.onnx.OnnxModelSettings.Layout;
import io.brushwork.engine.onnx.OnnxModelSettings.ValueRange;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.onnx.OnnxSessions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Inpainting with a model exported to ONNX (LaMa, MI-GAN, or another export described by its settings), run by ONNX
 * Runtime on the CPU. The session is loaded once and shared: ONNX Runtime allows concurrent runs on one session, so
 * every edit worker may call {@link #inpaint} at once, and each run uses at most the settings' number of threads.
 *
 * <p>Each group of holes is filled in a crop around it ({@link HoleCrops} has the rule), one crop after another;
 * only hole pixels are written, so known pixels keep their colour and alpha, and filled pixels are opaque. The
 * model is deterministic for one thread per run: the same image and mask give the same bytes. It takes no prompt
 * and no seed, and its presets are names only: {@code default}, {@code fast} and {@code quality} all run the same
 * model the same way, so that a route configured with any preset works. A cancelled job stops before its next
 * crop, and a run in progress is terminated.
 */
public final class OnnxInpaintEngine implements InpaintEngine, AutoCloseable {
    public static final BackendType TYPE =
            new BackendType("onnx", (name, s) -> open(name, OnnxModelSettings.from(s)));

    private static final Set<String> PRESETS = Set.of("default", "fast", "quality");

    private final String name;
    private final OnnxModelSettings settings;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Set<String> outputs;
    private volatile boolean closed;

    private OnnxInpaintEngine(String name, OnnxModelSettings settings, OrtEnvironment env, OrtSession session) {
        this.name = name;
        this.settings = settings;
        this.env = env;
        this.session = session;
        this.outputs = Set.of(settings.output());
    }

    /**
     * Loads the model and checks its inputs and outputs against the settings' contract.
     *
     * @throws BackendException of kind {@link Kind#MISCONFIGURED} if the file is missing or not a model ONNX
     *                          Runtime can load, or a tensor does not fit the contract; the message names the
     *                          tensor, what the contract expects and what the model has
     */
    static OnnxInpaintEngine open(String name, OnnxModelSettings settings) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        if (!Files.isRegularFile(settings.model())) {
            throw new BackendException(Kind.MISCONFIGURED,
                    "ONNX model '" + name + "': " + settings.model() + " is not a file");
        }
        OrtEnvironment env = OnnxSessions.environment();
        OrtSession session;
        try {
            // fixed-size models see inputs of one size; the others a crop of every size
            session = OnnxSessions.open(settings.model(), settings.threads(), settings.fixedSize());
        } catch (OrtException e) {
            throw new BackendException(Kind.MISCONFIGURED, "cannot load ONNX model '" + name + "' from "
                    + settings.model() + ": " + e.getMessage(), Optional.empty(), e);
        }
        try {
            ContractCheck.check(name, settings, session.getInputInfo(), session.getOutputInfo());
            return new OnnxInpaintEngine(name, settings, env, session);
        } catch (OrtException e) {
            OnnxSessions.closeAfter(session, e);
            throw new BackendException(Kind.MISCONFIGURED, "cannot read the inputs and outputs of ONNX model '"
                    + name + "' (" + settings.model() + "): " + e.getMessage(), Optional.empty(), e);
        } catch (RuntimeException e) {
            OnnxSessions.closeAfter(session, e);
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    OnnxModelSettings settings() {
        return settings;
    }

    /**
     * It fills from the pixels around the hole; with one thread per run ONNX Runtime adds up in one order, so the
     * same crop gives the same bytes, while more threads may split the sums differently from run to run.
     */
    @Override
    public Set<Capability> capabilities() {
        return settings.threads() == 1 ? EnumSet.of(Capability.FILLS_FROM_SURROUNDINGS, Capability.DETERMINISTIC)
                : EnumSet.of(Capability.FILLS_FROM_SURROUNDINGS);
    }

    /** {@code default}, {@code fast} and {@code quality}: names only, a model runs one way. */
    @Override
    public Set<String> presets() {
        return PRESETS;
    }

    /**
     * Heap only, for the largest crop (crops run one after another): per crop pixel the colour and hole planes and
     * the filled planes (32 bytes), per model pixel the same at the model's size plus the tensors' copies (48),
     * and per image pixel the grouping's flags and labels (6). The model's own activations live in ONNX Runtime's
     * native memory, outside the Java heap this budget guards.
     */
    @Override
    public long workingBytes(Mask mask) {
        if (mask.isEmpty()) {
            return 0;
        }
        long largest = 0;
        for (Crop crop : HoleCrops.of(mask, settings)) {
            long modelPixels = settings.fixedSize() ? (long) settings.width() * settings.height()
                    : HoleCrops.roundUp(crop.width(), settings.sizeMultiple())
                            * HoleCrops.roundUp(crop.height(), settings.sizeMultiple());
            largest = Math.max(largest, crop.area() * 32 + modelPixels * 48);
        }
        return largest + (long) mask.width() * mask.height() * 6;
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        if (!PRESETS.contains(job.preset())) {
            throw new IllegalArgumentException(name + " has no preset '" + job.preset() + "'; presets: " + PRESETS);
        }
        ArgbImage image = job.image();
        Mask mask = job.mask();
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height() + " but the image is "
                    + image.resolution());
        }
        if (closed) {
            throw new IllegalStateException("ONNX model '" + name + "' is closed");
        }
        ArgbImage out = image.copy();
        if (mask.isEmpty()) {
            return Inpainted.of(out);
        }
        List<Crop> crops = HoleCrops.of(mask, settings);
        Cancellation cancellation = job.cancellation();
        // Every crop reads the original image, not the others' results, so the order cannot change the outcome.
        for (Crop crop : crops) {
            cancellation.check(name);
            CropFill.fill(image, mask, crop, settings,
                    (rgb, hole, width, height) -> run(rgb, hole, width, height, cancellation), out.pixels());
        }
        return Inpainted.of(out);
    }

    /** Closes the session. Call it once no {@link #inpaint} is running; later calls to it fail. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            OnnxSessions.close(session, "ONNX model '" + name + "'");
        }
    }

    /**
     * One run: the planes into the contract's tensors, and the output back to 0..255 planes. A cancellation sets
     * the run's terminate flag, which ONNX Runtime checks between the graph's nodes: the run stops there with an
     * error instead of running the whole model on for a caller that has gone. The registration is closed before
     * the run options are, so the flag is never set on options already freed.
     */
    private float[][] run(float[][] rgb, boolean[] hole, int width, int height, Cancellation cancellation) {
        long[] imageShape = shape(3, width, height);
        long[] maskShape = shape(1, width, height);
        try (OrtSession.RunOptions options = new OrtSession.RunOptions();
                Cancellation.Registration stop = cancellation.onCancel(() -> OnnxSessions.terminate(options));
                OnnxTensor image = imageTensor(rgb, imageShape);
                OnnxTensor mask = maskTensor(hole, maskShape);
                OrtSession.Result result = session.run(
                        Map.of(settings.imageInput(), image, settings.maskInput(), mask), outputs, options)) {
            OnnxValue value = result.get(settings.output()).orElseThrow();
            if (!(value instanceof OnnxTensor tensor)) {
                throw failed("output '" + settings.output() + "' is not a tensor");
            }
            long[] expected = shape(3, width, height);
            long[] actual = tensor.getInfo().getShape();
            if (!Arrays.equals(actual, expected)) {
                throw failed("output '" + settings.output() + "' has shape " + Arrays.toString(actual)
                        + " for inputs of " + Arrays.toString(expected) + "; expected the same");
            }
            return planes(tensor, width * height);
        } catch (OrtException e) {
            // A terminated run fails with ONNX Runtime's own message; say what happened instead.
            throw cancellation.isCancelled() ? Cancellation.cancelled(name) : failed(e.getMessage());
        }
    }

    private BackendException failed(String reason) {
        return new BackendException(Kind.FAILED, "ONNX model '" + name + "' failed: " + reason);
    }

    private long[] shape(int channels, int width, int height) {
        return settings.layout() == Layout.NCHW ? new long[] {1, channels, height, width}
                : new long[] {1, height, width, channels};
    }

    /** Index of channel {@code c} of pixel {@code i} in a tensor of {@code n} pixels. */
    private int at(int c, int i, int n) {
        return settings.layout() == Layout.NCHW ? c * n + i : i * 3 + c;
    }

    private OnnxTensor imageTensor(float[][] rgb, long[] shape) throws OrtException {
        int n = rgb[0].length;
        if (settings.inputType() == DataType.UINT8) {
            ByteBuffer bytes = ByteBuffer.allocateDirect(3 * n).order(ByteOrder.nativeOrder());
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    bytes.put(at(c, i, n), (byte) Math.round(Math.max(0, Math.min(255, rgb[c][i]))));
                }
            }
            return OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.UINT8);
        }
        ValueRange range = settings.imageRange();
        float[] data = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                data[at(c, i, n)] = range.encode(rgb[c][i]);
            }
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
    }

    private OnnxTensor maskTensor(boolean[] hole, long[] shape) throws OrtException {
        int n = hole.length;
        if (settings.inputType() == DataType.UINT8) {
            byte holeValue = (byte) settings.maskHole();
            byte keepValue = (byte) settings.maskKeep();
            ByteBuffer bytes = ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
            for (int i = 0; i < n; i++) {
                bytes.put(i, hole[i] ? holeValue : keepValue);
            }
            return OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.UINT8);
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = hole[i] ? settings.maskHole() : settings.maskKeep();
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
    }

    /** The output as three planes of 0..255 values (not yet clamped). */
    private float[][] planes(OnnxTensor tensor, int n) {
        float[][] rgb = new float[3][n];
        if (settings.outputType() == DataType.UINT8) {
            ByteBuffer bytes = tensor.getByteBuffer();
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    rgb[c][i] = bytes.get(at(c, i, n)) & 0xff;
                }
            }
            return rgb;
        }
        FloatBuffer floats = tensor.getFloatBuffer();
        ValueRange range = settings.outputRange();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                rgb[c][i] = range.decode(floats.get(at(c, i, n)));
            }
        }
        return rgb;
    }
}
