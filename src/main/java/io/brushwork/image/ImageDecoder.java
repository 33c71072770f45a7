package io.brushwork.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG, PNG and WebP uploads to {@link ArgbImage}. The dimensions are read from the header first and checked
 * against a pixel limit, so a small file that declares a huge image is refused before any pixel memory is taken. A
 * JPEG is turned as its EXIF orientation says, so its width and height are those of the photo as seen; its colours
 * are converted to sRGB from an embedded ICC profile by the codec. Common PNG layouts are decoded by
 * {@link PngDecoder}, the rest by ImageIO.
 */
public final class ImageDecoder {
    static {
        // Decoding from memory: ImageIO's default disk cache would only add temporary files.
        ImageIO.setUseCache(false);
    }

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The most pixels an image may have, decoded or made. */
    public long maxPixels() {
        return maxPixels;
    }

    /** Reads the format and dimensions from the header and checks them against the pixel limit. */
    public ImageInfo probe(byte[] bytes) throws InvalidImageException {
        return read(bytes, false).info();
    }

    /**
     * Whether decoding these bytes makes no copy of the pixels beside the result (a PNG in a layout
     * {@link PngDecoder} takes), where ImageIO's readers first decode into an image of their own.
     */
    public boolean decodesWithoutCopy(byte[] bytes) {
        return ImageFormat.detect(bytes).orElse(null) == ImageFormat.PNG && PngDecoder.takes(bytes);
    }

    /** Decodes the image, after the same checks as {@link #probe}. */
    public ArgbImage decode(byte[] bytes) throws InvalidImageException {
        return read(bytes, true).image();
    }

    private record Read(ImageInfo info, ArgbImage image) {
    }

    private Read read(byte[] bytes, boolean decode) throws InvalidImageException {
        ImageFormat format = ImageFormat.detect(bytes).orElseThrow(() -> new InvalidImageException(
                "is " + ImageFormat.describeUnsupported(bytes) + "; send a JPEG, PNG or WebP image"));
        if (decode && format == ImageFormat.PNG) {
            ArgbImage png = PngDecoder.decode(bytes, this::checkSize);
            if (png != null) {
                return new Read(new ImageInfo(format, png.width(), png.height(), Orientation.NORMAL), png);
            }
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(format);
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                checkSize(width, height);
                // A phone's JPEG is stored as the sensor read it; its EXIF says how it is meant to be seen.
                int orientation = format == ImageFormat.JPEG ? Orientation.of(bytes) : Orientation.NORMAL;
                boolean swap = Orientation.swapsSides(orientation);
                ImageInfo info = new ImageInfo(format, (int) (swap ? height : width), (int) (swap ? width : height),
                        orientation);
                return new Read(info, decode ? Orientation.apply(toArgb(reader.read(0)), orientation) : null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Codec messages name internals; the client only needs to know the file is damaged.
            throw new InvalidImageException("could not be decoded as " + format.name()
                    + " (the file is damaged or truncated)");
        }
    }

    private void checkSize(long width, long height) throws InvalidImageException {
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException("declares an empty image (" + width + "x" + height + ")");
        }
        if (width * height > maxPixels) {
            throw new InvalidImageException(String.format(
                    "is %dx%d (%s megapixels); the limit is %s megapixels",
                    width, height, megapixels(width * height), megapixels(maxPixels)));
        }
    }

    private static String megapixels(long pixels) {
        double mp = pixels / 1_000_000.0;
        return mp >= 10 ? String.format("%.0f", mp) : String.format("%.1f", mp);
    }

    private static ImageReader readerFor(ImageFormat format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader for " + format);
        }
        return readers.next();
    }

    /** Converts any decoded layout to packed ARGB, without colour-managing grey images (Java's grey is linear). */
    public static ArgbImage toArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean alpha = image.getColorModel().hasAlpha();
        int[] out = new int[w * h];
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        switch (image.getType()) {
            case BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_RGB -> {
                if (raster.getDataBuffer() instanceof DataBufferInt ints && raster.getParent() == null) {
                    int[] src = ints.getData();
                    int opaque = alpha ? 0 : 0xFF000000;
                    for (int i = 0; i < out.length; i++) {
                        out[i] = src[i] | opaque;
                    }
                    return new ArgbImage(w, h, out, alpha);
                }
            }
            case BufferedImage.TYPE_3BYTE_BGR -> {
                if (raster.getDataBuffer() instanceof DataBufferByte bytes && raster.getParent() == null) {
                    byte[] src = bytes.getData();
                    for (int i = 0, j = 0; i < out.length; i++, j += 3) {
                        out[i] = 0xFF000000 | (src[j + 2] & 0xff) << 16 | (src[j + 1] & 0xff) << 8 | (src[j] & 0xff);
                    }
                    return new ArgbImage(w, h, out, false);
                }
            }
            case BufferedImage.TYPE_4BYTE_ABGR -> {
                if (raster.getDataBuffer() instanceof DataBufferByte bytes && raster.getParent() == null) {
                    byte[] src = bytes.getData();
                    for (int i = 0, j = 0; i < out.length; i++, j += 4) {
                        out[i] = (src[j] & 0xff) << 24 | (src[j + 3] & 0xff) << 16 | (src[j + 2] & 0xff) << 8
                                | (src[j + 1] & 0xff);
                    }
                    return new ArgbImage(w, h, out, true);
                }
            }
            default -> {
            }
        }
        if (image.getColorModel() instanceof ComponentColorModel && (bands == 1 || bands == 2)) {
            return greyToArgb(raster, w, h, bands == 2);
        }
        image.getRGB(0, 0, w, h, out, 0, w);
        return new ArgbImage(w, h, out, alpha);
    }

    private static ArgbImage greyToArgb(Raster raster, int w, int h, boolean alpha) {
        int bits = raster.getSampleModel().getSampleSize(0);
        int max = (1 << bits) - 1;
        boolean eightBit = raster.getDataBuffer().getDataType() == DataBuffer.TYPE_BYTE && bits == 8;
        int[] out = new int[w * h];
        int[] row = new int[w];
        int[] alphaRow = alpha ? new int[w] : null;
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, alphaRow);
            }
            for (int x = 0; x < w; x++) {
                int g = eightBit ? row[x] : (row[x] * 255 + max / 2) / max;
                int a = alpha ? (eightBit ? alphaRow[x] : (alphaRow[x] * 255 + max / 2) / max) : 255;
                out[y * w + x] = a << 24 | g << 16 | g << 8 | g;
            }
        }
        return new ArgbImage(w, h, out, alpha);
    }
}
