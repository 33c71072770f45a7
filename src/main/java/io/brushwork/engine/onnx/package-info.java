/**
 * The operator's own models, exported to ONNX and run by ONNX Runtime on the CPU. Inpainting: LaMa, MI-GAN and a
 * generic contract described by settings; {@link io.brushwork.engine.onnx.OnnxInpaintEngine} checks a model's
 * tensors when it opens it and fills each group of holes in a crop around it. Super-resolution:
 * {@link io.brushwork.engine.onnx.OnnxUpscaler} runs Real-ESRGAN's export, measuring its scale when it opens it,
 * in overlapping tiles so that any photo size fits.
 */
package io.brushwork.engine.onnx;
