package io.brushwork.safety;

import io.brushwork.safety.ClassifierSettings.Layout;
import io.brushwork.testing.OnnxGraph;
import io.brushwork.testing.ProtoWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a real, tiny ONNX classifier from code, so the tests run ONNX Runtime without shipping a model file. The
 * graph scores how bright the image is, as the mean {@code m} of its channels (weighted per channel, so a test can
 * tell R from B and NCHW from NHWC), and labels it {@code ["safe", "unsafe"]}:
 *
 * <pre>
 *   input ─ Mul(channel weights) ─ ReduceMean(axes 1,2,3) ─ Reshape [1,1] ─ m
 *   logits model:        [ -gain·(m - 0.5),  gain·(m - 0.5) ]   (Sub, Mul, Neg, Concat)
 *   probabilities model: [ 1 - m, m ]                            (Sub, Concat)
 * </pre>
 *
 * With channel weights {@code w}, {@code m = (w_r·mean_r + w_g·mean_g + w_b·mean_b) / 3}: weights {1, 1, 1} give
 * the plain mean, {3, 0, 0} the mean of red alone. ONNX IR version 8, default opset 13.
 */
final class TinyClassifierModel {
    // ONNX TensorProto.DataType
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    // ONNX AttributeProto.AttributeType
    private static final int ATTR_INT = 2;
    private static final int ATTR_TENSOR = 4;
    private static final int ATTR_INTS = 7;

    private Layout layout = Layout.NCHW;
    private int height = 8;
    private int width = 8;
    private boolean dynamicSize;
    private float[] channelWeights = {1, 1, 1};
    private boolean probabilities;
    private float gain = 8;
    private boolean extraInput;

    static TinyClassifierModel logits() {
        return new TinyClassifierModel();
    }

    /** A model whose output is already {@code [1 - m, m]}, for runs without softmax. */
    static TinyClassifierModel probabilities() {
        TinyClassifierModel model = new TinyClassifierModel();
        model.probabilities = true;
        return model;
    }

    TinyClassifierModel layout(Layout layout) {
        this.layout = layout;
        return this;
    }

    TinyClassifierModel size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /** Batch, height and width as named (dynamic) dimensions. */
    TinyClassifierModel dynamicSize() {
        this.dynamicSize = true;
        return this;
    }

    TinyClassifierModel channelWeights(float r, float g, float b) {
        this.channelWeights = new float[] {r, g, b};
        return this;
    }

    TinyClassifierModel gain(float gain) {
        this.gain = gain;
        return this;
    }

    /** A second, unused graph input, which the classifier must refuse. */
    TinyClassifierModel extraInput() {
        this.extraInput = true;
        return this;
    }

    Path write(Path dir, String name) throws IOException {
        return Files.write(dir.resolve(name), bytes());
    }

    byte[] bytes() {
        ProtoWriter graph = new ProtoWriter().string(2, "tiny-brightness");
        boolean nchw = layout == Layout.NCHW;
        long[] weightShape = nchw ? new long[] {1, 3, 1, 1} : new long[] {1, 1, 1, 3};
        node(graph, "Constant", new String[0], "weights",
                tensorAttribute("value", tensor(weightShape, channelWeights)));
        node(graph, "Mul", new String[] {"input", "weights"}, "weighted");
        node(graph, "ReduceMean", new String[] {"weighted"}, "mean4",
                intsAttribute("axes", 1, 2, 3), intAttribute("keepdims", 1));
        node(graph, "Constant", new String[0], "shape2",
                tensorAttribute("value", int64Tensor(new long[] {2}, 1, 1)));
        node(graph, "Reshape", new String[] {"mean4", "shape2"}, "m");
        String outputName;
        if (probabilities) {
            outputName = "probabilities";
            node(graph, "Constant", new String[0], "one", tensorAttribute("value", tensor(new long[] {1, 1}, 1f)));
            node(graph, "Sub", new String[] {"one", "m"}, "rest");
            node(graph, "Concat", new String[] {"rest", "m"}, outputName, intAttribute("axis", 1));
        } else {
            outputName = "logits";
            node(graph, "Constant", new String[0], "centre", tensorAttribute("value", tensor(new long[] {1, 1}, .5f)));
            node(graph, "Constant", new String[0], "gain", tensorAttribute("value", tensor(new long[] {1, 1}, gain)));
            node(graph, "Sub", new String[] {"m", "centre"}, "offset");
            node(graph, "Mul", new String[] {"offset", "gain"}, "up");
            node(graph, "Neg", new String[] {"up"}, "down");
            node(graph, "Concat", new String[] {"down", "up"}, outputName, intAttribute("axis", 1));
        }

        Object batch = dynamicSize ? "batch" : 1L;
        Object h = dynamicSize ? "height" : (Object) (long) height;
        Object w = dynamicSize ? "width" : (Object) (long) width;
        Object[] inputDims = nchw ? new Object[] {batch, 3L, h, w} : new Object[] {batch, h, w, 3L};
        graph.message(11, valueInfo("input", inputDims));
        if (extraInput) {
            graph.message(11, valueInfo("extra", new Object[] {1L}));
        }
        graph.message(12, valueInfo(outputName, new Object[] {batch, 2L}));

        return new ProtoWriter()
                .varint(1, 8) // ir_version
                .string(2, "brushwork-tests") // producer_name
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13)) // opset_import: default domain, 13
                .toByteArray();
    }

    private static void node(ProtoWriter graph, String op, String[] inputs, String output, ProtoWriter... attributes) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, op + "_" + output).string(4, op);
        for (ProtoWriter attribute : attributes) {
            node.message(5, attribute);
        }
        graph.message(1, node);
    }

    private static ProtoWriter tensor(long[] dims, float... values) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, FLOAT).bytes(9, ProtoWriter.floatsLittleEndian(values));
    }

    private static ProtoWriter int64Tensor(long[] dims, long... values) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, INT64).bytes(9, ProtoWriter.longsLittleEndian(values));
    }

    private static ProtoWriter tensorAttribute(String name, ProtoWriter tensor) {
        return new ProtoWriter().string(1, name).message(5, tensor).varint(20, ATTR_TENSOR);
    }

    private static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTR_INT);
    }

    private static ProtoWriter intsAttribute(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, ATTR_INTS);
    }

    private static ProtoWriter valueInfo(String name, Object[] dims) {
        return OnnxGraph.valueInfo(name, FLOAT, dims);
    }
}
