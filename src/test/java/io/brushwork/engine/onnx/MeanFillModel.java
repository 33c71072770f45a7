package io.brushwork.engine.onnx;

import io.brushwork.engine.onnx.OnnxModelSettings.Layout;
import io.brushwork.testing.OnnxGraph;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes tiny inpainting models with the tensors of a real export (names, element types, shapes, value ranges and
 * mask convention), whose "inpainting" fills every hole with the mean colour of the known pixels, computed in the
 * graph. A test that knows which pixels the engine gave the model can then predict the fill exactly:
 *
 * <pre>
 *   x    = (image - inBlack) / (inWhite - inBlack)          0..1, after a Cast for uint8 inputs
 *   keep = (mask - hole) / (keepValue - hole)               1 = known, 0 = hole
 *   mean = ReduceSum(x · keep, H, W) / ReduceSum(keep, H, W)
 *   out  = outBlack + (x · keep + mean · (1 - keep)) · (outWhite - outBlack)   Round and Cast for uint8 outputs
 * </pre>
 *
 * The graph's own tensors are named {@code t_...}, so that any input or output name can be chosen.
 */
final class MeanFillModel {
    private String imageName = "image";
    private String maskName = "mask";
    private String outputName = "output";
    private int inputType = OnnxGraph.FLOAT;
    private int outputType = OnnxGraph.FLOAT;
    private Layout layout = Layout.NCHW;
    private Object height = 512L;
    private Object width = 512L;
    private float inBlack = 0;
    private float inWhite = 1;
    private float hole = 1;
    private float keep = 0;
    private float outBlack = 0;
    private float outWhite = 255;

    /** LaMa's export: float32 image 0..1 and mask 1 = hole, [1,C,512,512]; output 0..255. */
    static MeanFillModel lama() {
        return new MeanFillModel();
    }

    /** MI-GAN's pipeline: uint8 image, uint8 mask 255 = keep and 0 = hole, [1,C,H,W] of any size; uint8 result. */
    static MeanFillModel migan() {
        MeanFillModel m = new MeanFillModel().names("image", "mask", "result").dynamicSize();
        m.inputType = OnnxGraph.UINT8;
        m.outputType = OnnxGraph.UINT8;
        m.inWhite = 255;
        m.hole = 0;
        m.keep = 255;
        return m;
    }

    MeanFillModel names(String image, String mask, String output) {
        this.imageName = image;
        this.maskName = mask;
        this.outputName = output;
        return this;
    }

    MeanFillModel types(int input, int output) {
        this.inputType = input;
        this.outputType = output;
        return this;
    }

    MeanFillModel layout(Layout layout) {
        this.layout = layout;
        return this;
    }

    MeanFillModel size(long width, long height) {
        this.width = width;
        this.height = height;
        return this;
    }

    MeanFillModel dynamicSize() {
        this.width = "width";
        this.height = "height";
        return this;
    }

    MeanFillModel imageRange(float black, float white) {
        this.inBlack = black;
        this.inWhite = white;
        return this;
    }

    MeanFillModel maskValues(float hole, float keep) {
        this.hole = hole;
        this.keep = keep;
        return this;
    }

    MeanFillModel outputRange(float black, float white) {
        this.outBlack = black;
        this.outWhite = white;
        return this;
    }

    Path write(Path file) throws IOException {
        boolean nchw = layout == Layout.NCHW;
        OnnxGraph g = new OnnxGraph("mean-fill");
        g.input(imageName, inputType, dims(3));
        g.input(maskName, inputType, dims(1));
        g.output(outputName, outputType, dims(3));

        long[] scalar = {1};
        g.constant("t_in_black", scalar, inBlack).constant("t_in_scale", scalar, 1 / (inWhite - inBlack));
        g.constant("t_hole_value", scalar, hole).constant("t_keep_scale", scalar, 1 / (keep - hole));
        g.constant("t_one", scalar, 1f);
        g.constant("t_out_black", scalar, outBlack).constant("t_out_span", scalar, outWhite - outBlack);
        g.int64Constant("t_spatial", new long[] {2}, nchw ? new long[] {2, 3} : new long[] {1, 2});

        String image = imageName;
        String mask = maskName;
        if (inputType != OnnxGraph.FLOAT) {
            g.node("Cast", "t_image_f", new String[] {imageName}, OnnxGraph.intAttribute("to", OnnxGraph.FLOAT));
            g.node("Cast", "t_mask_f", new String[] {maskName}, OnnxGraph.intAttribute("to", OnnxGraph.FLOAT));
            image = "t_image_f";
            mask = "t_mask_f";
        }
        g.node("Sub", "t_x_shifted", image, "t_in_black").node("Mul", "t_x", "t_x_shifted", "t_in_scale");
        g.node("Sub", "t_mask_shifted", mask, "t_hole_value").node("Mul", "t_keep", "t_mask_shifted", "t_keep_scale");
        g.node("Sub", "t_holes", "t_one", "t_keep");
        g.node("Mul", "t_known", "t_x", "t_keep");
        g.node("ReduceSum", "t_sum", new String[] {"t_known", "t_spatial"}, OnnxGraph.intAttribute("keepdims", 1));
        g.node("ReduceSum", "t_count", new String[] {"t_keep", "t_spatial"}, OnnxGraph.intAttribute("keepdims", 1));
        g.node("Div", "t_mean", "t_sum", "t_count");
        g.node("Mul", "t_fill", "t_mean", "t_holes");
        g.node("Add", "t_blended", "t_known", "t_fill");
        g.node("Mul", "t_scaled", "t_blended", "t_out_span");
        if (outputType == OnnxGraph.FLOAT) {
            g.node("Add", outputName, "t_scaled", "t_out_black");
        } else {
            g.node("Add", "t_shifted", "t_scaled", "t_out_black").node("Round", "t_rounded", "t_shifted");
            g.node("Cast", outputName, new String[] {"t_rounded"}, OnnxGraph.intAttribute("to", outputType));
        }
        return g.write(file);
    }

    private Object[] dims(long channels) {
        return layout == Layout.NCHW ? new Object[] {1L, channels, height, width}
                : new Object[] {1L, height, width, channels};
    }

    /**
     * A model that only passes its image through, for tensors the mean fill cannot be built on (a mask of the
     * wrong rank): enough for ONNX Runtime to load it and the engine to check it.
     */
    static Path passThrough(Path file, String imageName, int imageType, Object[] imageDims, String maskName,
            Object[] maskDims, String outputName) throws IOException {
        OnnxGraph g = new OnnxGraph("pass-through");
        g.input(imageName, imageType, imageDims);
        g.input(maskName, imageType, maskDims);
        g.output(outputName, imageType, imageDims);
        g.node("Identity", outputName, imageName);
        return g.write(file);
    }
}
