/**
 * The operator's own inpainting models, exported to ONNX and run by ONNX Runtime on the CPU: LaMa, MI-GAN and a
 * generic contract described by settings. {@link io.brushwork.engine.onnx.OnnxInpaintEngine} checks a model's
 * tensors when it opens it and fills each group of holes in a crop around it.
 */
package io.brushwork.engine.onnx;
