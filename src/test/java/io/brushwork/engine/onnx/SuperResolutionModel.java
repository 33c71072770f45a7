package io.brushwork.engine.onnx;

import io.brushwork.testing.OnnxGraph;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes tiny super-resolution models with Real-ESRGAN's tensors ({@code input} float32 [1,3,H,W] 0..1, any size;
 * {@code output} [1,3,H·s,W·s]): a plain Resize, whose output a test can predict, and convolutions before a
 * DepthToSpace, whose output depends on the pixels around each one, as a real model's does, so that a tile's
 * overlap matters.
 */
public final class SuperResolutionModel {
    private SuperResolutionModel() {
    }

    /** {@code Resize} by {@code scale} with ONNX's {@code mode} ("nearest" or "linear"); any input name. */
    public static Path resize(Path file, String inputName, float scale, String mode) throws IOException {
        OnnxGraph g = new OnnxGraph("resize");
        g.input(inputName, OnnxGraph.FLOAT, 1L, 3L, "height", "width");
        g.output(OnnxUpscaler.OUTPUT, OnnxGraph.FLOAT, 1L, 3L, "out_height", "out_width");
        g.constant("t_scales", new long[] {4}, 1, 1, scale, scale);
        g.node("Resize", OnnxUpscaler.OUTPUT, new String[] {inputName, "", "t_scales"},
                OnnxGraph.stringAttribute("mode", mode));
        return g.write(file);
    }

    /**
     * Real-ESRGAN's x2 model's first step, folding each 2x2 block of pixels into channels ({@code SpaceToDepth},
     * which needs even sizes), then a 1x1 convolution and {@code DepthToSpace} by 4 that spread each pixel over the
     * 2x2 pixels it becomes: a x2 nearest-neighbour enlargement that runs only on even widths and heights.
     */
    public static Path unshuffled(Path file) throws IOException {
        OnnxGraph g = new OnnxGraph("space-to-depth");
        g.input(OnnxUpscaler.INPUT, OnnxGraph.FLOAT, 1L, 3L, "height", "width");
        g.output(OnnxUpscaler.OUTPUT, OnnxGraph.FLOAT, 1L, 3L, "out_height", "out_width");
        g.node("SpaceToDepth", "t_folded", new String[] {OnnxUpscaler.INPUT},
                OnnxGraph.intAttribute("blocksize", 2));
        // SpaceToDepth puts pixel (by, bx) of a block, channel c, in channel (by*2 + bx)*3 + c; DepthToSpace by 4
        // takes output pixel (oy, ox) of its 4x4 block, channel c, from channel (oy*4 + ox)*3 + c.
        float[] weights = new float[48 * 12];
        for (int oy = 0; oy < 4; oy++) {
            for (int ox = 0; ox < 4; ox++) {
                for (int c = 0; c < 3; c++) {
                    int to = (oy * 4 + ox) * 3 + c;
                    int from = ((oy / 2) * 2 + ox / 2) * 3 + c;
                    weights[to * 12 + from] = 1;
                }
            }
        }
        g.constant("t_w", new long[] {48, 12, 1, 1}, weights);
        g.node("Conv", "t_spread", new String[] {"t_folded", "t_w"}, OnnxGraph.intsAttribute("kernel_shape", 1, 1));
        g.node("DepthToSpace", OnnxUpscaler.OUTPUT, new String[] {"t_spread"}, OnnxGraph.intAttribute("blocksize", 4));
        return g.write(file);
    }

    /**
     * {@code layers} 3x3 convolutions (zero padding, so each adds a pixel of reach), the last to 12 channels, then
     * {@code DepthToSpace} by 2: a x2 model that sees {@code layers} pixels around each input pixel.
     */
    public static Path convolutions(Path file, int layers) throws IOException {
        OnnxGraph g = new OnnxGraph("conv-depth-to-space");
        g.input(OnnxUpscaler.INPUT, OnnxGraph.FLOAT, 1L, 3L, "height", "width");
        g.output(OnnxUpscaler.OUTPUT, OnnxGraph.FLOAT, 1L, 3L, "out_height", "out_width");
        String x = OnnxUpscaler.INPUT;
        for (int layer = 0; layer < layers; layer++) {
            int out = layer == layers - 1 ? 12 : 3;
            float[] weights = new float[out * 3 * 9];
            float[] bias = new float[out];
            for (int i = 0; i < weights.length; i++) {
                // mostly the channel's own centre pixel, plus a little of every neighbour
                boolean centre = i % 9 == 4 && (i / 9) % 3 == (i / 27) % 3;
                weights[i] = (centre ? 0.8f : 0) + 0.05f * (float) Math.sin(i * 1.7 + layer);
            }
            for (int m = 0; m < out; m++) {
                bias[m] = 0.02f * (m % 5);
            }
            String w = "t_w" + layer;
            String b = "t_b" + layer;
            String y = layer == layers - 1 ? "t_features" : "t_conv" + layer;
            g.constant(w, new long[] {out, 3, 3, 3}, weights);
            g.constant(b, new long[] {out}, bias);
            g.node("Conv", y, new String[] {x, w, b}, OnnxGraph.intsAttribute("kernel_shape", 3, 3),
                    OnnxGraph.intsAttribute("pads", 1, 1, 1, 1));
            x = y;
        }
        g.node("DepthToSpace", OnnxUpscaler.OUTPUT, new String[] {x}, OnnxGraph.intAttribute("blocksize", 2));
        return g.write(file);
    }
}
