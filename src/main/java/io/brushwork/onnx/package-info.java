/**
 * ONNX Runtime, set up once for every model Brushwork runs: {@link io.brushwork.onnx.OnnxSessions} opens a session
 * on the process-wide environment with the thread and memory settings the inpainting models and the image safety
 * classifier share, and closes one that failed its checks without losing why. What a model's inputs and outputs
 * must be stays with the code that runs it.
 */
package io.brushwork.onnx;
