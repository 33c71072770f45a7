package io.brushwork.engine.onnx;

import io.brushwork.engine.BackendValues;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How to run an inpainting model exported to ONNX: where it is, how many threads a run may use, and the model's
 * contract (its tensors' names, layout, types and value conventions). The two public exports people actually use
 * have fixed contracts, made by {@link #lama} and {@link #migan}; anything else is described field by field with
 * {@link Contract#GENERIC}.
 *
 * <p>The image is always RGB, batch 1; the mask has one channel in the same layout as the image.
 *
 * @param model        the {@code .onnx} file
 * @param contract     which export this is; a named contract's other fields must be its defaults
 * @param threads      ONNX Runtime intra-op threads per run, at least 1; 1 makes runs exactly repeatable
 * @param imageInput   name of the image input tensor
 * @param maskInput    name of the mask input tensor
 * @param output       name of the output image tensor
 * @param layout       where the channel axis sits, for the inputs and the output alike
 * @param inputType    element type of both inputs
 * @param outputType   element type of the output
 * @param imageRange   what the image input's values span (black to white)
 * @param outputRange  what the output's values span (black to white)
 * @param maskHole     the mask value that marks a pixel to fill
 * @param maskKeep     the mask value that marks a pixel to keep
 * @param width        the fixed input width, or 0 when the model takes any size
 * @param height       the fixed input height, or 0 when the model takes any size
 * @param sizeMultiple for a model that takes any size, the multiple its width and height must be (the crop grows,
 *                     or is padded, to fit); 1 for none. Must be 1 for a fixed-size model.
 */
record OnnxModelSettings(
        Path model,
        Contract contract,
        int threads,
        String imageInput,
        String maskInput,
        String output,
        Layout layout,
        DataType inputType,
        DataType outputType,
        ValueRange imageRange,
        ValueRange outputRange,
        float maskHole,
        float maskKeep,
        int width,
        int height,
        int sizeMultiple) {

    /** The export a model file comes from. */
    public enum Contract {
        /**
         * The public {@code lama_fp32.onnx}: float32 {@code image} [1,3,512,512] RGB 0..1 and {@code mask}
         * [1,1,512,512] with 1 = hole; float32 {@code output} [1,3,512,512] in 0..255, already blended.
         */
        LAMA,
        /**
         * The public {@code migan_pipeline_v2.onnx}: uint8 {@code image} [1,3,H,W] and {@code mask} [1,1,H,W] with
         * 255 = keep and 0 = hole (the reverse of LaMa), any H and W; uint8 {@code result} [1,3,H,W].
         */
        MIGAN,
        /** Described by the settings' fields. */
        GENERIC
    }

    /** Where the channel axis sits; the batch axis always comes first, with one image. */
    public enum Layout {
        /** {@code [1, C, H, W]}: PyTorch's order. */
        NCHW,
        /** {@code [1, H, W, C]}: TensorFlow's order. */
        NHWC
    }

    public enum DataType {
        FLOAT32,
        UINT8
    }

    /** The values black and white take in a tensor. */
    public enum ValueRange {
        ZERO_TO_ONE(0, 1),
        ZERO_TO_255(0, 255),
        MINUS_ONE_TO_ONE(-1, 1);

        private final float black;
        private final float white;

        ValueRange(float black, float white) {
            this.black = black;
            this.white = white;
        }

        /** The tensor value for a channel value 0..255. */
        float encode(float channel) {
            return black + channel * ((white - black) / 255f);
        }

        /** The channel value 0..255 (not clamped) for a tensor value. */
        float decode(float value) {
            return (value - black) * (255f / (white - black));
        }
    }

    public OnnxModelSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(outputType, "outputType");
        Objects.requireNonNull(imageRange, "imageRange");
        Objects.requireNonNull(outputRange, "outputRange");
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX model threads must be at least 1, got " + threads);
        }
        requireName(imageInput, "image input");
        requireName(maskInput, "mask input");
        requireName(output, "output");
        if (imageInput.equals(maskInput)) {
            throw new IllegalArgumentException(
                    "ONNX model image and mask inputs must be different tensors, both are '" + imageInput + "'");
        }
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("ONNX model size must be a positive width and height, or 0x0 for any"
                    + " size; got " + width + "x" + height);
        }
        if (sizeMultiple < 1) {
            throw new IllegalArgumentException("ONNX model size multiple must be at least 1, got " + sizeMultiple);
        }
        if (width > 0 && sizeMultiple != 1) {
            throw new IllegalArgumentException("a size multiple applies to a model that takes any size; this one is "
                    + width + "x" + height);
        }
        if (!Float.isFinite(maskHole) || !Float.isFinite(maskKeep) || maskHole == maskKeep) {
            throw new IllegalArgumentException("ONNX model mask values for hole and keep must be two different"
                    + " numbers, got hole " + maskHole + " and keep " + maskKeep);
        }
        if (inputType == DataType.UINT8) {
            if (imageRange != ValueRange.ZERO_TO_255) {
                throw new IllegalArgumentException("a uint8 image input holds 0..255, not " + imageRange);
            }
            if (!isByte(maskHole) || !isByte(maskKeep)) {
                throw new IllegalArgumentException("a uint8 mask input needs whole mask values in 0..255, got hole "
                        + maskHole + " and keep " + maskKeep);
            }
        }
        if (outputType == DataType.UINT8 && outputRange != ValueRange.ZERO_TO_255) {
            throw new IllegalArgumentException("a uint8 output holds 0..255, not " + outputRange);
        }
        if (contract != Contract.GENERIC) {
            OnnxModelSettings fixed = described(contract, model, threads);
            // in a compact constructor the names are the parameters: the fields are not yet assigned
            boolean same = imageInput.equals(fixed.imageInput) && maskInput.equals(fixed.maskInput)
                    && output.equals(fixed.output) && layout == fixed.layout && inputType == fixed.inputType
                    && outputType == fixed.outputType && imageRange == fixed.imageRange
                    && outputRange == fixed.outputRange && Float.compare(maskHole, fixed.maskHole) == 0
                    && Float.compare(maskKeep, fixed.maskKeep) == 0 && width == fixed.width
                    && height == fixed.height && sizeMultiple == fixed.sizeMultiple;
            if (!same) {
                throw new IllegalArgumentException("the " + contract + " contract fixes the model's tensors as "
                        + fixed.describe() + "; use the GENERIC contract to describe another export");
            }
        }
    }

    /**
     * Reads a {@code type: onnx} backend's keys: {@code model}, {@code threads} and {@code contract}; a
     * {@code generic} contract is then described key by key (tensor names, layout, types, ranges, mask values, size).
     */
    public static OnnxModelSettings from(BackendValues s) {
        Path model = s.build(() -> Path.of(s.required("model")));
        int threads = s.integer("threads", 1);
        String contract = s.text("contract", "lama").toLowerCase(Locale.ROOT);
        OnnxModelSettings settings = switch (contract) {
            case "lama" -> s.build(() -> lama(model, threads));
            case "migan" -> s.build(() -> migan(model, threads));
            case "generic" -> generic(s, model, threads);
            default -> throw s.invalid("contract", "lama, migan or generic");
        };
        s.rejectUnused();
        return settings;
    }

    private static OnnxModelSettings generic(BackendValues s, Path model, int threads) {
        int[] size = size(s);
        return s.build(() -> new OnnxModelSettings(model, Contract.GENERIC, threads,
                s.required("image-input"), s.required("mask-input"), s.required("output"),
                Layout.valueOf(s.text("layout", "NCHW").toUpperCase(Locale.ROOT)),
                DataType.valueOf(s.text("input-type", "FLOAT32").toUpperCase(Locale.ROOT)),
                DataType.valueOf(s.text("output-type", "FLOAT32").toUpperCase(Locale.ROOT)),
                range(s, "image-range"), range(s, "output-range"),
                (float) s.number("mask-hole", 1), (float) s.number("mask-keep", 0), size[0], size[1],
                s.integer("size-multiple", 1)));
    }

    /** {@code size}: {@code WxH} (or one number for a square) as {width, height}; {0, 0} for {@code any}. */
    private static int[] size(BackendValues s) {
        String size = s.text("size", "any").toLowerCase(Locale.ROOT);
        if (size.equals("any")) {
            return new int[] {0, 0};
        }
        String[] wh = size.split("x", 2);
        try {
            return new int[] {Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[wh.length - 1].trim())};
        } catch (NumberFormatException e) {
            throw s.invalid("size", "WxH such as 512x512, or any");
        }
    }

    private static ValueRange range(BackendValues s, String key) {
        return switch (s.text(key, "0..1")) {
            case "0..1" -> ValueRange.ZERO_TO_ONE;
            case "0..255" -> ValueRange.ZERO_TO_255;
            case "-1..1" -> ValueRange.MINUS_ONE_TO_ONE;
            default -> throw s.invalid(key, "0..1, 0..255 or -1..1");
        };
    }

    /** The public LaMa export ({@code lama_fp32.onnx}), see {@link Contract#LAMA}. */
    public static OnnxModelSettings lama(Path model, int threads) {
        return defaults(Contract.LAMA, model, threads);
    }

    /** The public MI-GAN pipeline export ({@code migan_pipeline_v2.onnx}), see {@link Contract#MIGAN}. */
    public static OnnxModelSettings migan(Path model, int threads) {
        return defaults(Contract.MIGAN, model, threads);
    }

    private static OnnxModelSettings defaults(Contract contract, Path model, int threads) {
        OnnxModelSettings d = described(contract, model, threads);
        return new OnnxModelSettings(model, contract, threads, d.imageInput, d.maskInput, d.output, d.layout,
                d.inputType, d.outputType, d.imageRange, d.outputRange, d.maskHole, d.maskKeep, d.width, d.height,
                d.sizeMultiple);
    }

    /** A named contract's fields, as a GENERIC description (so that building it does not check it again). */
    private static OnnxModelSettings described(Contract contract, Path model, int threads) {
        return switch (contract) {
            case LAMA -> new OnnxModelSettings(model, Contract.GENERIC, threads, "image", "mask", "output",
                    Layout.NCHW, DataType.FLOAT32, DataType.FLOAT32, ValueRange.ZERO_TO_ONE, ValueRange.ZERO_TO_255,
                    1, 0, 512, 512, 1);
            case MIGAN -> new OnnxModelSettings(model, Contract.GENERIC, threads, "image", "mask", "result",
                    Layout.NCHW, DataType.UINT8, DataType.UINT8, ValueRange.ZERO_TO_255, ValueRange.ZERO_TO_255,
                    0, 255, 0, 0, 1);
            case GENERIC -> throw new IllegalArgumentException("the GENERIC contract has no defaults");
        };
    }

    /** Whether the model takes one fixed input size (then every crop is resized to it). */
    public boolean fixedSize() {
        return width > 0;
    }

    /** The contract in one line, for error messages. */
    String describe() {
        String size = fixedSize() ? width + "x" + height
                : "any size" + (sizeMultiple > 1 ? " (multiple of " + sizeMultiple + ")" : "");
        return "image '" + imageInput + "' and mask '" + maskInput + "' " + name(inputType) + " " + layout
                + " (image " + imageRange + ", mask hole " + number(maskHole) + " keep " + number(maskKeep)
                + "), output '" + output + "' " + name(outputType) + " " + outputRange + ", " + size;
    }

    static String name(DataType type) {
        return type == DataType.FLOAT32 ? "float32" : "uint8";
    }

    private static String number(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }

    private static boolean isByte(float v) {
        return v >= 0 && v <= 255 && v == Math.rint(v);
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("ONNX model " + what + " tensor name is empty");
        }
    }
}
