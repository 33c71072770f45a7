package io.brushwork.engine.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.Cancellation;
import io.brushwork.image.ArgbImage;
import io.brushwork.image.Resample;
import io.brushwork.onnx.OnnxSessions;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Super-resolution with an operator's model exported to ONNX, Real-ESRGAN's way: one input {@code input}, float32
 * {@code [1,3,H,W]} RGB 0..1 of any H and W, and one output {@code output}, float32 {@code [1,3,H·s,W·s]} RGB 0..1.
 * The scale s is not configured but measured when the model is opened, by one run on a small probe, and a model
 * whose output is not a whole multiple of its input is refused then, with what the contract expects. Whether it
 * takes any size is measured then too (see {@link #alignment()}).
 *
 * <p>Any photo runs in tiles, so memory follows the tile, not the photo: cores of {@value #TILE}x{@value #TILE}
 * source pixels, each run with {@value #OVERLAP} pixels of the photo around it as context (less at the photo's
 * edges, where the model pads as it would for the whole photo) and cropped back to its core. A model that looks no
 * further than the overlap from each pixel (up to sixteen 3x3 convolutions at the input's resolution) gives
 * exactly the pixels a run on the whole photo would; deeper ones such as Real-ESRGAN's RRDBNet reach further in
 * principle, but so little that its own tiled inference pads tiles with 10 pixels. The overlap costs
 * (224/192)² - 1 = 36% more work than the cores alone; smaller tiles would cost more, larger ones more memory.
 *
 * <p>Tiles run one after another, each from the photo's pixels only, so the bytes do not depend on their order;
 * with one thread per run (ONNX Runtime's) they are the same every time. Alpha is not the model's business: it is
 * enlarged bilinearly ({@link Resample}) and put back. A cancelled job stops before its next tile, and a run in
 * progress is terminated.
 */
public final class OnnxUpscaler implements AutoCloseable {
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final int TILE = 192;
    static final int OVERLAP = 16;
    private static final int PROBE_WIDTH = 24;
    private static final int PROBE_HEIGHT = 16;
    private static final int MAX_SCALE = 8;
    private static final String CONTRACT = "one input '" + INPUT + "' float32 [1,3,H,W] RGB 0..1 of any H and W,"
            + " and one output '" + OUTPUT + "' float32 [1,3,H*s,W*s] RGB 0..1 for a whole scale s from 2 to "
            + MAX_SCALE + " (Real-ESRGAN's export)";

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int scale;
    /** The sizes the model takes are multiples of this, as measured when it was opened (1: any size). */
    private final int align;
    private final int tile;
    private final int overlap;
    private volatile boolean closed;

    private OnnxUpscaler(String name, OrtEnvironment env, OrtSession session, int scale, int align, int tile,
            int overlap) {
        this.name = name;
        this.env = env;
        this.session = session;
        this.scale = scale;
        this.align = align;
        this.tile = tile;
        this.overlap = overlap;
    }

    /**
     * Loads the model, checks its tensors and measures its scale.
     *
     * @param threads ONNX Runtime's threads per run, at least 1; 1 makes runs exactly repeatable
     * @throws BackendException of kind {@link Kind#MISCONFIGURED} if the file is missing or not a model ONNX
     *                          Runtime can load, or the model does not fit the contract; the message says what the
     *                          contract expects and what the model has
     */
    public static OnnxUpscaler open(String name, Path model, int threads) {
        return open(name, model, threads, TILE, OVERLAP);
    }

    static OnnxUpscaler open(String name, Path model, int threads, int tile, int overlap) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX upscaler threads must be at least 1, got " + threads);
        }
        if (tile < 1 || overlap < 0) {
            throw new IllegalArgumentException("tiles must be at least 1 pixel with an overlap of 0 or more, got "
                    + tile + " and " + overlap);
        }
        if (!Files.isRegularFile(model)) {
            throw new BackendException(Kind.MISCONFIGURED, "ONNX upscaler '" + name + "': " + model
                    + " is not a file");
        }
        OrtSession session;
        try {
            // tiles at the photo's edges come in every size, so no arena: it would keep the largest for good
            session = OnnxSessions.open(model, threads, false);
        } catch (OrtException e) {
            throw new BackendException(Kind.MISCONFIGURED, "cannot load ONNX upscaler '" + name + "' from " + model
                    + ": " + e.getMessage(), Optional.empty(), e);
        }
        try {
            String prefix = "ONNX upscaler '" + name + "' (" + model + ") ";
            checkTensors(prefix, session.getInputInfo(), session.getOutputInfo());
            OrtEnvironment env = OnnxSessions.environment();
            int scale = probe(env, session, prefix);
            return new OnnxUpscaler(name, env, session, scale, alignment(env, session, scale), tile, overlap);
        } catch (OrtException e) {
            OnnxSessions.closeAfter(session, e);
            throw new BackendException(Kind.MISCONFIGURED, "cannot read the inputs and outputs of ONNX upscaler '"
                    + name + "' (" + model + "): " + e.getMessage(), Optional.empty(), e);
        } catch (RuntimeException e) {
            OnnxSessions.closeAfter(session, e);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** How many times wider and taller the output is than the input, as measured when the model was opened. */
    public int scale() {
        return scale;
    }

    /** The sizes the model takes are multiples of this (1: any size); other windows are padded to fit. */
    public int alignment() {
        return align;
    }

    /**
     * Heap for one call: the result (4 bytes per output pixel), alpha's planes when there is alpha (4 per input
     * and per output pixel, counted always), and the largest tile's tensors, its input (12 bytes per pixel of
     * the tile with its overlap) and its output with the copy read back (24 per output pixel of it). The model's
     * own activations live in ONNX Runtime's native memory, outside the Java heap; they too follow the tile.
     */
    public long workingBytes(int width, int height) {
        long outPixels = (long) width * height * scale * scale;
        long window = (long) roundUp(Math.min(width, tile + 2 * overlap))
                * roundUp(Math.min(height, tile + 2 * overlap));
        return outPixels * 8 + (long) width * height * 4 + window * 12 + window * scale * scale * 24;
    }

    /** The image enlarged {@link #scale()} times; opaque stays opaque, alpha is enlarged bilinearly. */
    public ArgbImage upscale(ArgbImage image, Cancellation cancellation) {
        if (closed) {
            throw new IllegalStateException("ONNX upscaler '" + name + "' is closed");
        }
        int w = image.width();
        int h = image.height();
        long outPixels = (long) w * h * scale * scale;
        if (outPixels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(image.resolution() + " enlarged " + scale + " times is too large");
        }
        int outW = w * scale;
        int[] out = new int[(int) outPixels];
        for (int y0 = 0; y0 < h; y0 += tile) {
            for (int x0 = 0; x0 < w; x0 += tile) {
                cancellation.check(name);
                upscaleTile(image, x0, y0, Math.min(w, x0 + tile), Math.min(h, y0 + tile), out, cancellation);
            }
        }
        if (image.hasAlpha()) {
            int[] px = image.pixels();
            float[] alpha = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                alpha[i] = px[i] >>> 24;
            }
            float[] enlarged = new Resample(w, h, outW, h * scale).plane(alpha);
            for (int i = 0; i < out.length; i++) {
                out[i] = (out[i] & 0xFFFFFF) | channel(enlarged[i] / 255f) << 24;
            }
        }
        return new ArgbImage(outW, h * scale, out, image.hasAlpha());
    }

    /**
     * Runs the core {@code [x0,x1) x [y0,y1)} with its overlap and writes the core's output pixels. A window whose
     * size the model does not take is widened to the next multiple of its {@link #alignment()}, into the photo or,
     * past its right and bottom edges, into the photo mirrored there, as Real-ESRGAN's own inference pads; a run on
     * the whole photo sees the same mirrored pixels, so tiles still match it.
     */
    private void upscaleTile(ArgbImage image, int x0, int y0, int x1, int y1, int[] out, Cancellation cancellation) {
        int w = image.width();
        int h = image.height();
        int wx0 = Math.max(0, x0 - overlap);
        int wy0 = Math.max(0, y0 - overlap);
        int ww = roundUp(Math.min(w, x1 + overlap) - wx0);
        int wh = roundUp(Math.min(h, y1 + overlap) - wy0);
        int n = ww * wh;
        float[] rgb = new float[3 * n];
        int[] px = image.pixels();
        for (int y = 0; y < wh; y++) {
            int row = mirror(wy0 + y, h) * w;
            for (int x = 0; x < ww; x++) {
                int p = px[row + mirror(wx0 + x, w)];
                int i = y * ww + x;
                rgb[i] = ((p >> 16) & 0xff) / 255f;
                rgb[n + i] = ((p >> 8) & 0xff) / 255f;
                rgb[2 * n + i] = (p & 0xff) / 255f;
            }
        }
        FloatBuffer result = run(rgb, ww, wh, cancellation);
        int rw = ww * scale;
        int rn = rw * wh * scale;
        int outW = w * scale;
        for (int y = y0 * scale; y < y1 * scale; y++) {
            int from = (y - wy0 * scale) * rw - wx0 * scale;
            for (int x = x0 * scale; x < x1 * scale; x++) {
                int i = from + x;
                out[y * outW + x] = 0xFF000000 | channel(result.get(i)) << 16 | channel(result.get(rn + i)) << 8
                        | channel(result.get(2 * rn + i));
            }
        }
    }

    private int roundUp(int size) {
        return (size + align - 1) / align * align;
    }

    /** A coordinate past the photo's far edge reflected back into it (the edge pixel not repeated). */
    private static int mirror(int i, int n) {
        return i < n ? i : Math.max(0, 2 * (n - 1) - i);
    }

    /**
     * One run on {@code width x height} pixels as planes of 0..1; returns the output's three planes, checked to be
     * {@link #scale()} times the size. A cancellation terminates the run (see {@link OnnxSessions#terminate}).
     */
    private FloatBuffer run(float[] rgb, int width, int height, Cancellation cancellation) {
        long[] shape = {1, 3, height, width};
        try (OrtSession.RunOptions options = new OrtSession.RunOptions();
                Cancellation.Registration stop = cancellation.onCancel(() -> OnnxSessions.terminate(options));
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(rgb), shape);
                OrtSession.Result result = session.run(Map.of(INPUT, input), Set.of(OUTPUT), options)) {
            OnnxValue value = result.get(OUTPUT).orElseThrow();
            long[] expected = {1, 3, (long) height * scale, (long) width * scale};
            long[] actual = value instanceof OnnxTensor tensor ? tensor.getInfo().getShape() : new long[0];
            if (!Arrays.equals(actual, expected)) {
                throw failed("output '" + OUTPUT + "' is " + ContractCheck.describe(value.getInfo()) + " for an input"
                        + " of " + Arrays.toString(shape) + "; expected " + Arrays.toString(expected));
            }
            return ((OnnxTensor) value).getFloatBuffer();
        } catch (OrtException e) {
            // A terminated run fails with ONNX Runtime's own message; say what happened instead.
            throw cancellation.isCancelled() ? Cancellation.cancelled(name) : failed(e.getMessage());
        }
    }

    /** One run on a mid-grey probe; the scale is the output's size over the probe's, whole and alike both ways. */
    private static int probe(OrtEnvironment env, OrtSession session, String prefix) throws OrtException {
        long[] shape = {1, 3, PROBE_HEIGHT, PROBE_WIDTH};
        long[] actual;
        try {
            actual = outputShape(env, session, PROBE_WIDTH, PROBE_HEIGHT);
        } catch (OrtException e) {
            throw new BackendException(Kind.MISCONFIGURED, prefix + "failed on a " + PROBE_WIDTH + "x" + PROBE_HEIGHT
                    + " probe: " + e.getMessage() + "; the upscale contract expects " + CONTRACT, Optional.empty(), e);
        }
        long s = actual.length == 4 ? actual[3] / PROBE_WIDTH : 0;
        if (actual.length != 4 || actual[0] != 1 || actual[1] != 3 || actual[3] != s * PROBE_WIDTH
                || actual[2] != s * PROBE_HEIGHT || s < 2 || s > MAX_SCALE) {
            throw new BackendException(Kind.MISCONFIGURED, prefix + "gives output " + Arrays.toString(actual)
                    + " for a probe of " + Arrays.toString(shape) + ", not a whole scale s from 2 to " + MAX_SCALE
                    + " of it; the upscale contract expects " + CONTRACT);
        }
        return (int) s;
    }

    /**
     * The multiple of which the model's input sizes must be: 1 if it runs on an odd size, else the smallest power of
     * two it runs on. Real-ESRGAN's x2 model starts by folding 2x2 pixels into channels, so it needs even sizes, and
     * tiles at a photo's edges come in every size. A model that runs on the (even) probe runs on multiples of 8.
     */
    private static int alignment(OrtEnvironment env, OrtSession session, int scale) {
        for (int align = 1; align < 8; align *= 2) {
            int width = (PROBE_WIDTH + 1 + align - 1) / align * align;
            int height = (PROBE_HEIGHT + 1 + align - 1) / align * align;
            if (runs(env, session, width, height, scale)) {
                return align;
            }
        }
        return 8;
    }

    private static boolean runs(OrtEnvironment env, OrtSession session, int width, int height, int scale) {
        try {
            return Arrays.equals(outputShape(env, session, width, height),
                    new long[] {1, 3, (long) height * scale, (long) width * scale});
        } catch (OrtException e) {
            return false;
        }
    }

    /** The output's shape for one run on a mid-grey image of {@code width x height}. */
    private static long[] outputShape(OrtEnvironment env, OrtSession session, int width, int height)
            throws OrtException {
        float[] grey = new float[3 * width * height];
        Arrays.fill(grey, 0.5f);
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(grey), new long[] {1, 3, height, width});
                OrtSession.Result result = session.run(Map.of(INPUT, input), Set.of(OUTPUT))) {
            OnnxValue value = result.get(OUTPUT).orElseThrow();
            return value instanceof OnnxTensor tensor ? tensor.getInfo().getShape() : new long[0];
        }
    }

    /** The names, element types and ranks the contract needs, before anything runs. */
    private static void checkTensors(String prefix, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        String expects = "; the upscale contract expects " + CONTRACT;
        if (inputs.size() != 1 || !inputs.containsKey(INPUT)) {
            throw new BackendException(Kind.MISCONFIGURED, prefix + "has inputs " + ContractCheck.list(inputs)
                    + expects);
        }
        if (!outputs.containsKey(OUTPUT)) {
            throw new BackendException(Kind.MISCONFIGURED, prefix + "has outputs " + ContractCheck.list(outputs)
                    + expects);
        }
        for (NodeInfo node : new NodeInfo[] {inputs.get(INPUT), outputs.get(OUTPUT)}) {
            long[] dims = node.getInfo() instanceof TensorInfo tensor && tensor.type == OnnxJavaType.FLOAT
                    ? tensor.getShape() : null;
            if (dims == null || dims.length != 4 || dims[1] > 0 && dims[1] != 3) {
                throw new BackendException(Kind.MISCONFIGURED, prefix + "has '" + node.getName() + "' "
                        + ContractCheck.describe(node.getInfo()) + expects);
            }
            if (node.getName().equals(INPUT) && (dims[2] > 0 || dims[3] > 0)) {
                throw new BackendException(Kind.MISCONFIGURED, prefix + "takes only " + Arrays.toString(dims)
                        + ", a fixed size" + expects);
            }
        }
    }

    private BackendException failed(String reason) {
        return new BackendException(Kind.FAILED, "ONNX upscaler '" + name + "' failed: " + reason);
    }

    /** A 0..1 value to 0..255, rounded and clamped. */
    private static int channel(float v) {
        int c = Math.round(v * 255);
        return c < 0 ? 0 : Math.min(c, 255);
    }

    /** Closes the session. Call it once no {@link #upscale} is running; later calls to it fail. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            OnnxSessions.close(session, "ONNX upscaler '" + name + "'");
        }
    }
}
