package io.brushwork.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small ONNX model from code: named inputs and outputs with their element type and shape, constants, and
 * nodes in order. Enough to build test graphs that ONNX Runtime loads and runs, so tests need no model files.
 * ONNX IR version 8, default opset 13 (where {@code ReduceSum} takes its axes as an input).
 *
 * <pre>
 *   OnnxGraph g = new OnnxGraph("double");
 *   g.input("x", OnnxGraph.FLOAT, 1L, "n");
 *   g.constant("two", new long[] {1}, 2f);
 *   g.node("Mul", "y", "x", "two");
 *   g.output("y", OnnxGraph.FLOAT, 1L, "n");
 *   Files.write(path, g.bytes());
 * </pre>
 */
public final class OnnxGraph {
    // ONNX TensorProto.DataType
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT64 = 7;
    // ONNX AttributeProto.AttributeType
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_INTS = 7;

    private final ProtoWriter graph;
    private int nodes;

    public OnnxGraph(String name) {
        graph = new ProtoWriter().string(2, name);
    }

    /**
     * A graph input. Each dimension is a {@code Long} (fixed) or a {@code String} (a named, dynamic dimension).
     */
    public OnnxGraph input(String name, int elementType, Object... dims) {
        graph.message(11, valueInfo(name, elementType, dims));
        return this;
    }

    /** A graph output, dimensions as for {@link #input}. */
    public OnnxGraph output(String name, int elementType, Object... dims) {
        graph.message(12, valueInfo(name, elementType, dims));
        return this;
    }

    /** A float constant of the given shape, as an initializer. */
    public OnnxGraph constant(String name, long[] dims, float... values) {
        graph.message(5, tensor(name, dims, FLOAT).bytes(9, ProtoWriter.floatsLittleEndian(values)));
        return this;
    }

    /** An int64 constant of the given shape (axes, shapes), as an initializer. */
    public OnnxGraph int64Constant(String name, long[] dims, long... values) {
        graph.message(5, tensor(name, dims, INT64).bytes(9, ProtoWriter.longsLittleEndian(values)));
        return this;
    }

    /** A node with one output; an input may be {@code ""} for an optional input left out. */
    public OnnxGraph node(String op, String output, String... inputs) {
        return node(op, output, inputs, new ProtoWriter[0]);
    }

    /** A node with attributes made by {@link #intAttribute}, {@link #stringAttribute} and {@link #intsAttribute}. */
    public OnnxGraph node(String op, String output, String[] inputs, ProtoWriter... attributes) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, op + "_" + nodes++).string(4, op);
        for (ProtoWriter attribute : attributes) {
            node.message(5, attribute);
        }
        graph.message(1, node);
        return this;
    }

    public static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTR_INT);
    }

    public static ProtoWriter stringAttribute(String name, String value) {
        return new ProtoWriter().string(1, name).string(4, value).varint(20, ATTR_STRING);
    }

    public static ProtoWriter intsAttribute(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, ATTR_INTS);
    }

    /** The model file's bytes. */
    public byte[] bytes() {
        return new ProtoWriter()
                .varint(1, 8) // ir_version
                .string(2, "brushwork-tests") // producer_name
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13)) // opset_import: default domain, 13
                .toByteArray();
    }

    public Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    private static ProtoWriter tensor(String name, long[] dims, int elementType) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, elementType).string(8, name);
    }

    /** An ONNX ValueInfoProto: name, element type and shape; each dimension a Long (fixed) or a String (named). */
    public static ProtoWriter valueInfo(String name, int elementType, Object[] dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object dim : dims) {
            ProtoWriter d = new ProtoWriter();
            if (dim instanceof String param) {
                d.string(2, param);
            } else {
                d.varint(1, (Long) dim);
            }
            shape.message(1, d);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elementType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
