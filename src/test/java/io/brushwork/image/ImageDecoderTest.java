package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.testing.TestImages;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(40_000_000);

    private static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void pngRoundTripsExactly() throws Exception {
        ArgbImage photo = TestImages.photo(33, 21);
        ArgbImage decoded = decoder.decode(PngEncoder.encode(photo));
        assertThat(decoded.pixels()).isEqualTo(photo.pixels());
        assertThat(decoded.hasAlpha()).isFalse();
    }

    @Test
    void pngWithAlphaKeepsIt() throws Exception {
        int[] px = {0x00112233, 0x80FF0000, 0xFF00FF00, 0x40000000};
        ArgbImage image = new ArgbImage(2, 2, px, true);
        ArgbImage decoded = decoder.decode(PngEncoder.encode(image));
        assertThat(decoded.hasAlpha()).isTrue();
        assertThat(decoded.pixels()).isEqualTo(px);
    }

    @Test
    void greyPngKeepsItsValuesWithoutGammaConversion() throws Exception {
        BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = grey.getRaster();
        r.setSamples(0, 0, 4, 1, 0, new int[] {0, 50, 128, 255});
        ArgbImage decoded = decoder.decode(write(grey, "png"));
        assertThat(decoded.pixels()).containsExactly(0xFF000000, 0xFF323232, 0xFF808080, 0xFFFFFFFF);
    }

    @Test
    void sixteenBitGreyIsScaledTo8Bits() throws Exception {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0, 65535});
        assertThat(decoder.decode(write(grey, "png")).pixels()).containsExactly(0xFF000000, 0xFFFFFFFF);
    }

    @Test
    void jpegIsDecoded() throws Exception {
        ArgbImage decoded = decoder.decode(TestImages.jpeg(TestImages.photo(40, 30)));
        assertThat(decoded.width()).isEqualTo(40);
        assertThat(decoded.height()).isEqualTo(30);
    }

    /** A 4x3 lossless WebP made by cwebp; see src/test/resources/README.md. */
    @Test
    void webpIsDecoded() throws Exception {
        byte[] webp;
        try (InputStream in = getClass().getResourceAsStream("/images/tiny-lossless.webp")) {
            webp = in.readAllBytes();
        }
        assertThat(ImageFormat.detect(webp)).contains(ImageFormat.WEBP);
        ArgbImage decoded = decoder.decode(webp);
        assertThat(decoded.width()).isEqualTo(4);
        assertThat(decoded.height()).isEqualTo(3);
        assertThat(decoded.pixels()[0] & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> decoder.decode(TestImages.pngDeclaring(100_000, 100_000)))
                .isInstanceOf(InvalidImageException.class)
                .hasMessage("is 100000x100000 (10000 megapixels); the limit is 40 megapixels");
    }

    @Test
    void otherFormatsAreNamed() {
        assertThatThrownBy(() -> decoder.decode("BM\0\0".getBytes()))
                .hasMessage("is a BMP image; send a JPEG, PNG or WebP image");
        assertThatThrownBy(() -> decoder.decode(new byte[0])).hasMessageContaining("an empty file");
    }

    /** A phone's portrait photo is stored sideways with EXIF orientation 6; it is decoded the right way up. */
    @Test
    void aJpegIsTurnedAsItsExifOrientationSays() throws Exception {
        ArgbImage stored = TestImages.photo(48, 32);
        ImageDecoder decoder = new ImageDecoder(1_000_000);
        ArgbImage asStored = decoder.decode(TestImages.jpeg(stored)); // the codec's pixels, unturned
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] jpeg = TestImages.jpegWithOrientation(stored, orientation);
            ImageInfo info = decoder.probe(jpeg);
            ArgbImage seen = decoder.decode(jpeg);
            boolean sideways = orientation >= 5;
            assertThat(info.width()).as("orientation %d", orientation).isEqualTo(sideways ? 32 : 48);
            assertThat(seen.width()).isEqualTo(info.width());
            assertThat(seen.height()).isEqualTo(info.height());
            // The stored top-left corner is where the orientation puts it.
            int corner = asStored.pixels()[0];
            int w = seen.width();
            int h = seen.height();
            int expectedAt = switch (orientation) {
                case 1, 5 -> 0; // top left
                case 2, 6 -> w - 1; // top right (6: a quarter turn clockwise)
                case 3, 7 -> (h - 1) * w + w - 1; // bottom right
                default -> (h - 1) * w; // 4, 8: bottom left
            };
            assertThat(seen.pixels()[expectedAt]).as("orientation %d", orientation).isEqualTo(corner);
        }
        // Orientation 6 exactly: seen (x, y) is stored (y, height - 1 - x).
        ArgbImage six = decoder.decode(TestImages.jpegWithOrientation(stored, 6));
        for (int y = 0; y < six.height(); y++) {
            for (int x = 0; x < six.width(); x++) {
                assertThat(six.pixels()[y * six.width() + x])
                        .isEqualTo(asStored.pixels()[(32 - 1 - x) * 48 + y]);
            }
        }
    }
}
