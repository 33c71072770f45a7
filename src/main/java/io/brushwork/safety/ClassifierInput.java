package io.brushwork.safety;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Resample;

/**
 * Turns an image into a classifier's input tensor: resized to the model's size, RGB scaled to 0..1, normalised
 * per channel as {@code (x - mean) / std}, and laid out NCHW or NHWC.
 *
 * <p>Alpha is ignored: the colour values are classified as they are stored. A PNG keeps its colours under
 * transparent pixels and anyone can drop the alpha channel, so what a classifier must judge is the colours; and
 * it is what {@code PIL.Image.convert("RGB")}, the usual training pipeline, does.
 *
 * <p>The resize is {@link Resample}, bilinear as PIL's {@code Image.resize(..., BILINEAR)} computes it, which is
 * what most exported classifiers were trained with.
 */
final class ClassifierInput {
    private ClassifierInput() {
    }

    static float[] tensor(ArgbImage image, ClassifierSettings settings) {
        int w = settings.inputWidth();
        int h = settings.inputHeight();
        float[] rgb = new Resample(image.width(), image.height(), w, h).rgb(image.pixels());
        float[] mean = settings.mean();
        float[] std = settings.std();
        float[] out = new float[3 * w * h];
        int plane = w * h;
        boolean nchw = settings.layout() == ClassifierSettings.Layout.NCHW;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float v = (rgb[i * 3 + c] / 255f - mean[c]) / std[c];
                out[nchw ? c * plane + i : i * 3 + c] = v;
            }
        }
        return out;
    }
}
