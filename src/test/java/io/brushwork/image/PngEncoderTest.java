package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.ImageIoPng;
import io.brushwork.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

class PngEncoderTest {
    static {
        nu.pattern.OpenCV.loadLocally();
    }

    /** Noise over a gradient, so that filters and deflate both have work; alpha varies when asked for. */
    private static ArgbImage image(int w, int h, boolean alpha, long seed) {
        Random random = new Random(seed);
        int[] px = TestImages.photo(w, h).pixels().clone();
        for (int i = 0; i < px.length; i++) {
            int noise = random.nextInt(0x20) * 0x010101;
            int a = alpha ? random.nextInt(256) : 0xFF;
            px[i] = a << 24 | ((px[i] & 0xFFFFFF) ^ noise);
        }
        return new ArgbImage(w, h, px, alpha);
    }

    private static int[] readWithImageIo(byte[] png) throws Exception {
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        return read.getRGB(0, 0, read.getWidth(), read.getHeight(), null, 0, read.getWidth());
    }

    /** Decodes with OpenCV (libpng underneath), channels as stored: BGR or BGRA, back to packed ARGB. */
    private static int[] readWithOpenCv(byte[] png, ArgbImage like) {
        Mat mat = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_UNCHANGED);
        int channels = like.hasAlpha() ? 4 : 3;
        assertThat(mat.type()).isEqualTo(like.hasAlpha() ? CvType.CV_8UC4 : CvType.CV_8UC3);
        assertThat(mat.cols()).isEqualTo(like.width());
        assertThat(mat.rows()).isEqualTo(like.height());
        byte[] bytes = new byte[like.width() * like.height() * channels];
        mat.get(0, 0, bytes);
        int[] px = new int[like.width() * like.height()];
        for (int i = 0; i < px.length; i++) {
            int o = i * channels;
            int a = channels == 4 ? bytes[o + 3] & 0xFF : 0xFF;
            px[i] = a << 24 | (bytes[o + 2] & 0xFF) << 16 | (bytes[o + 1] & 0xFF) << 8 | bytes[o] & 0xFF;
        }
        return px;
    }

    @ParameterizedTest(name = "{0}x{1} alpha={2}")
    @CsvSource({"1,1,false", "1,1,true", "7,5,false", "33,21,true", "1,3000,false", "3000,1,true",
            "100001,1,false", "701,401,false", "701,401,true"})
    void everyDecoderReadsBackTheSamePixels(int w, int h, boolean alpha) throws Exception {
        ArgbImage image = image(w, h, alpha, 7L * w + h);
        byte[] png = PngEncoder.encode(image);

        assertThat(readWithImageIo(png)).isEqualTo(image.pixels());
        assertThat(readWithOpenCv(png, image)).isEqualTo(image.pixels());
        ArgbImage decoded = new ImageDecoder(Long.MAX_VALUE).decode(png);
        assertThat(decoded.pixels()).isEqualTo(image.pixels());
        assertThat(decoded.hasAlpha()).isEqualTo(alpha);
    }

    @Test
    void writesRgbWithoutAnAlphaChannelAndRgbaWithOne() {
        assertThat(PngEncoder.encode(image(4, 4, false, 1))[25]).as("colour type").isEqualTo((byte) 2);
        assertThat(PngEncoder.encode(image(4, 4, true, 1))[25]).as("colour type").isEqualTo((byte) 6);
    }

    @Test
    void fullyTransparentPixelsKeepTheirColour() throws Exception {
        int[] px = {0x00112233, 0x80FF0000, 0xFF00FF00, 0x40000000};
        assertThat(readWithImageIo(PngEncoder.encode(new ArgbImage(2, 2, px, true)))).isEqualTo(px);
    }

    @Test
    void chunksHaveValidCrcsAndTheIdatsMakeOneZlibStreamOfEveryScanline() throws Exception {
        ArgbImage image = image(701, 401, true, 3); // about 1.1 MB of scanlines: several bands
        byte[] png = PngEncoder.encode(image);
        List<String> types = new ArrayList<>();
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        while (in.hasRemaining()) {
            int length = in.getInt();
            int start = in.position();
            String type = new String(png, start, 4, StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(png, start, 4 + length);
            in.position(start + 4 + length);
            assertThat(in.getInt()).as(type + " CRC").isEqualTo((int) crc.getValue());
            types.add(type);
            if (type.equals("IDAT")) {
                zlib.write(png, start + 4, length);
            }
        }
        assertThat(types.get(0)).isEqualTo("IHDR");
        assertThat(types.get(types.size() - 1)).isEqualTo("IEND");
        assertThat(types.subList(1, types.size() - 1)).hasSizeGreaterThan(3).containsOnly("IDAT");

        Inflater inflater = new Inflater(); // zlib, so that the Adler-32 at the end is checked
        inflater.setInput(zlib.toByteArray());
        byte[] scanlines = new byte[401 * (1 + 701 * 4) + 1];
        int n = inflater.inflate(scanlines);
        assertThat(inflater.finished()).isTrue();
        assertThat(inflater.getRemaining()).isZero();
        assertThat(n).isEqualTo(401 * (1 + 701 * 4));
    }

    @Test
    void sameBytesWhateverTheNumberOfThreads() throws Exception {
        ArgbImage image = image(701, 401, false, 5);
        byte[] expected = PngEncoder.encode(image);
        assertThat(PngEncoder.encode(image)).isEqualTo(expected);
        for (int threads : new int[] {1, 3, 8}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                assertThat(pool.submit(() -> PngEncoder.encode(image)).get()).as(threads + " threads")
                        .isEqualTo(expected);
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void noLargerThanImageIoOnAPhoto() {
        ArgbImage photo = TestImages.photo(640, 480);
        double limit = 1.10 * ImageIoPng.encode(photo).length;
        assertThat((double) PngEncoder.encode(photo).length).isLessThanOrEqualTo(limit);
    }
}
