package io.brushwork.testing;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.PngEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images made in code, so tests need no files: smooth photo-like gradients, masks, and hostile PNGs. */
public final class TestImages {
    private TestImages() {
    }

    /** A smooth, colourful, opaque image with a little deterministic texture. */
    public static ArgbImage photo(int w, int h) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255) / Math.max(1, w - 1);
                int g = (y * 255) / Math.max(1, h - 1);
                int b = 128 + (int) (60 * Math.sin((x + y) / 9.0));
                px[y * w + x] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        return new ArgbImage(w, h, px, false);
    }

    /** A white mask with black (hole) rectangles given as x, y, w, h quadruples. */
    public static ArgbImage mask(int w, int h, int... rects) {
        int[] px = new int[w * h];
        Arrays.fill(px, 0xFFFFFFFF);
        for (int i = 0; i < rects.length; i += 4) {
            for (int y = rects[i + 1]; y < rects[i + 1] + rects[i + 3]; y++) {
                for (int x = rects[i]; x < rects[i] + rects[i + 2]; x++) {
                    px[y * w + x] = 0xFF000000;
                }
            }
        }
        return new ArgbImage(w, h, px, false);
    }

    public static byte[] png(ArgbImage image) {
        return PngEncoder.encode(image);
    }

    /**
     * The JPEG with an EXIF segment recording {@code orientation} (1 to 8) inserted after its start marker, as a
     * phone writes one: "Exif", a big-endian TIFF header and one IFD entry, tag 274, a SHORT.
     */
    public static byte[] jpegWithOrientation(ArgbImage image, int orientation) {
        byte[] jpeg = jpeg(image);
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, // header: big-endian, IFD at 8
                0, 1, // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // orientation, SHORT, 1, value
                0, 0, 0, 0}; // no next IFD
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        int length = exif.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1); // APP1
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    public static byte[] jpeg(ArgbImage image) {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(b, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A valid PNG header declaring {@code w x h} pixels, followed by a tiny IDAT: a decompression bomb in a few
     * dozen bytes if a server decodes before it checks.
     */
    public static byte[] pngDeclaring(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + 20 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(b, "IHDR", ihdr.array());
        chunk(b, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(b, "IEND", new byte[0]);
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void chunk(ByteBuffer b, String type, byte[] data) {
        b.putInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
    }
}
