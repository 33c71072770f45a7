package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.photo.Photo;

/** OpenCV's Telea and Navier-Stokes inpainting, for side-by-side comparison only (never shipped in the server). */
final class OpenCvInpaint {
    static {
        nu.pattern.OpenCV.loadLocally();
    }

    private OpenCvInpaint() {
    }

    static ArgbImage telea(ArgbImage image, Mask mask, double radius) {
        return run(image, mask, radius, Photo.INPAINT_TELEA);
    }

    static ArgbImage navierStokes(ArgbImage image, Mask mask, double radius) {
        return run(image, mask, radius, Photo.INPAINT_NS);
    }

    private static ArgbImage run(ArgbImage image, Mask mask, double radius, int method) {
        int w = image.width();
        int h = image.height();
        byte[] bgr = new byte[w * h * 3];
        byte[] holes = new byte[w * h];
        int[] px = image.pixels();
        for (int i = 0; i < px.length; i++) {
            bgr[3 * i] = (byte) px[i];
            bgr[3 * i + 1] = (byte) (px[i] >> 8);
            bgr[3 * i + 2] = (byte) (px[i] >> 16);
            holes[i] = (byte) (mask.isHole(i) ? 255 : 0);
        }
        Mat src = new Mat(h, w, CvType.CV_8UC3);
        src.put(0, 0, bgr);
        Mat m = new Mat(h, w, CvType.CV_8UC1);
        m.put(0, 0, holes);
        Mat dst = new Mat();
        Photo.inpaint(src, m, dst, radius, method);
        dst.get(0, 0, bgr);
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xFF000000 | (bgr[3 * i + 2] & 0xff) << 16 | (bgr[3 * i + 1] & 0xff) << 8 | (bgr[3 * i] & 0xff);
        }
        src.release();
        m.release();
        dst.release();
        return new ArgbImage(w, h, out, false);
    }
}
