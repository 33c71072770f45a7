package io.brushwork.engine.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendException.Kind;
import io.brushwork.engine.onnx.OnnxModelSettings.DataType;
import io.brushwork.engine.onnx.OnnxModelSettings.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a loaded model's inputs and outputs against its contract, so that a wrong file or wrong settings fail when
 * the server starts, naming the tensor and what was expected, instead of on the first edit with ONNX Runtime's
 * message about a shape. A dynamic dimension (negative in ONNX Runtime's shapes) accepts any value.
 */
final class ContractCheck {
    private final String name;
    private final OnnxModelSettings settings;

    private ContractCheck(String name, OnnxModelSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    static void check(String name, OnnxModelSettings settings, Map<String, NodeInfo> inputs,
            Map<String, NodeInfo> outputs) {
        new ContractCheck(name, settings).check(inputs, outputs);
    }

    private void check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        tensor("input", settings.imageInput(), inputs, settings.inputType(), 3);
        tensor("input", settings.maskInput(), inputs, settings.inputType(), 1);
        tensor("output", settings.output(), outputs, settings.outputType(), 3);
        for (String input : inputs.keySet()) {
            if (!input.equals(settings.imageInput()) && !input.equals(settings.maskInput())) {
                throw fail("has an input '" + input + "' that the " + settings.contract() + " contract does not"
                        + " feed; its inputs are " + list(inputs) + ", expected only '" + settings.imageInput()
                        + "' and '" + settings.maskInput() + "'");
            }
        }
    }

    private void tensor(String role, String tensorName, Map<String, NodeInfo> infos, DataType type, int channels) {
        NodeInfo node = infos.get(tensorName);
        if (node == null) {
            throw fail("has no " + role + " named '" + tensorName + "'; its " + role + "s are " + list(infos)
                    + " (the " + settings.contract() + " contract expects " + settings.describe() + ")");
        }
        long[] expected = expectedShape(channels);
        String wanted = OnnxModelSettings.name(type) + " " + shape(expected);
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != javaType(type)) {
            throw fail(role + " '" + tensorName + "' is " + describe(node.getInfo()) + " but the "
                    + settings.contract() + " contract expects " + wanted);
        }
        long[] actual = tensor.getShape();
        if (actual.length != 4) {
            throw fail(role + " '" + tensorName + "' has rank " + actual.length + " " + Arrays.toString(actual)
                    + " but the " + settings.contract() + " contract expects rank 4, " + wanted + " ("
                    + settings.layout() + ")");
        }
        boolean nchw = settings.layout() == Layout.NCHW;
        int heightAxis = nchw ? 2 : 1;
        if (!settings.fixedSize() && (actual[heightAxis] > 0 || actual[heightAxis + 1] > 0)) {
            throw fail(role + " '" + tensorName + "' has a fixed size " + Arrays.toString(actual) + " but the "
                    + settings.contract() + " contract takes any size " + wanted + "; describe it with its width"
                    + " and height");
        }
        for (int axis = 0; axis < 4; axis++) {
            if (actual[axis] >= 0 && expected[axis] >= 0 && actual[axis] != expected[axis]) {
                throw fail(role + " '" + tensorName + "' has shape " + Arrays.toString(actual) + " but the "
                        + settings.contract() + " contract expects " + wanted + " (" + settings.layout()
                        + "; check the layout and size)");
            }
        }
    }

    /** Batch 1, the channel count, and the fixed size or -1 (any) for height and width. */
    private long[] expectedShape(int channels) {
        long h = settings.fixedSize() ? settings.height() : -1;
        long w = settings.fixedSize() ? settings.width() : -1;
        return settings.layout() == Layout.NCHW ? new long[] {1, channels, h, w} : new long[] {1, h, w, channels};
    }

    private BackendException fail(String reason) {
        return new BackendException(Kind.MISCONFIGURED, "ONNX model '" + name + "' (" + settings.model() + ") "
                + reason);
    }

    static OnnxJavaType javaType(DataType type) {
        return type == DataType.FLOAT32 ? OnnxJavaType.FLOAT : OnnxJavaType.UINT8;
    }

    private static String shape(long[] dims) {
        List<String> parts = new ArrayList<>();
        for (long d : dims) {
            parts.add(d < 0 ? "?" : Long.toString(d));
        }
        return "[" + String.join(",", parts) + "]";
    }

    static String list(Map<String, NodeInfo> infos) {
        List<String> parts = new ArrayList<>();
        for (NodeInfo info : infos.values()) {
            parts.add("'" + info.getName() + "' " + describe(info.getInfo()));
        }
        return parts.toString();
    }

    static String describe(ValueInfo info) {
        if (info instanceof TensorInfo tensor) {
            String type = tensor.type == OnnxJavaType.FLOAT ? "float32"
                    : tensor.type.toString().toLowerCase(Locale.ROOT);
            return type + " " + Arrays.toString(tensor.getShape());
        }
        return info.toString();
    }
}
