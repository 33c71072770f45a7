package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PngDecoder} against ImageIO's reader, which decoded every PNG before it: PNGs written here with every
 * colour type, bit depth and row filter it takes, odd widths, palettes shorter than their bit depth and IDAT cut
 * into pieces, must give ImageIO's pixels and alpha flag exactly; every other layout must be left to ImageIO; and
 * damaged files must be refused with the usual message, never with another exception.
 */
class PngDecoderTest {
    private static final PngDecoder.SizeCheck NO_LIMIT = (w, h) -> {
    };
    private static final PngDecoder.SizeCheck ONE_MEGAPIXEL = (w, h) -> {
        if (w * h > 1_000_000) {
            throw new InvalidImageException("too large");
        }
    };

    /** ImageIO's decode, as {@link ImageDecoder} did it for every PNG before. */
    private static ArgbImage imageIo(byte[] png) throws Exception {
        return ImageDecoder.toArgb(ImageIO.read(new ByteArrayInputStream(png)));
    }

    private static void assertSameAsImageIo(byte[] png) throws Exception {
        ArgbImage ours = PngDecoder.decode(png, NO_LIMIT);
        assertThat(ours).as("decoded by PngDecoder, not left to ImageIO").isNotNull();
        assertThat(PngDecoder.takes(png)).isTrue();
        ArgbImage theirs = imageIo(png);
        assertThat(ours.width()).isEqualTo(theirs.width());
        assertThat(ours.height()).isEqualTo(theirs.height());
        assertThat(ours.hasAlpha()).isEqualTo(theirs.hasAlpha());
        assertThat(ours.pixels()).isEqualTo(theirs.pixels());
    }

    @ParameterizedTest(name = "colour type {0}, {1} bits")
    @CsvSource({"0,1", "0,2", "0,4", "0,8", "2,8", "3,1", "3,2", "3,4", "3,8", "4,8", "6,8"})
    void everyLayoutItTakesGivesImageIosPixels(int colourType, int bitDepth) throws Exception {
        Random random = new Random(31L * colourType + bitDepth);
        for (int width : new int[] {1, 3, 7, 13, 64}) {
            for (int height : new int[] {1, 6}) {
                TestPng png = new TestPng(width, height, colourType, bitDepth, random);
                if (colourType == 3) {
                    png.palette(random, 1 << bitDepth);
                }
                // Rows cycle through the five filters: the first row's Up, Average and Paeth read a row of zeros.
                assertSameAsImageIo(png.write(y -> (y + width) % 5, random));
                assertSameAsImageIo(png.write(y -> random.nextInt(5), random));
            }
        }
    }

    @Test
    void paletteWithTransparencyAndIndicesPastItsEnd() throws Exception {
        Random random = new Random(5);
        TestPng png = new TestPng(23, 9, 3, 8, random);
        png.palette(random, 40); // indices go up to 255: past the palette, ImageIO gives opaque black
        png.transparency = new byte[] {0, (byte) 128, (byte) 255, 7};
        byte[] file = png.write(y -> 4, random);
        assertSameAsImageIo(file);
        assertThat(PngDecoder.decode(file, NO_LIMIT).hasAlpha()).isTrue();

        png.transparency = new byte[] {(byte) 255, (byte) 255};
        assertThat(PngDecoder.decode(png.write(y -> 1, random), NO_LIMIT).hasAlpha())
                .as("a tRNS that makes nothing translucent gives an opaque image, as ImageIO's does")
                .isFalse();
        assertSameAsImageIo(png.write(y -> 1, random));

        TestPng twoBits = new TestPng(9, 5, 3, 2, random);
        twoBits.palette(random, 3);
        twoBits.transparency = new byte[] {9, 9, 9};
        assertSameAsImageIo(twoBits.write(y -> 3, random));
    }

    @Test
    void filesFromOtherWritersGiveImageIosPixels() throws Exception {
        ArgbImage photo = TestImages.photo(61, 37);
        assertSameAsImageIo(PngEncoder.encode(photo));
        int[] translucent = photo.pixels().clone();
        for (int i = 0; i < translucent.length; i++) {
            translucent[i] = (i * 7 & 0xFF) << 24 | (translucent[i] & 0xFFFFFF);
        }
        assertSameAsImageIo(PngEncoder.encode(new ArgbImage(61, 37, translucent, true)));
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED}) {
            BufferedImage image = new BufferedImage(61, 37, type);
            image.setRGB(0, 0, 61, 37, translucent, 0, 61);
            assertSameAsImageIo(imageIoPng(image, false));
        }
    }

    @Test
    void otherLayoutsAreLeftToImageIo() throws Exception {
        Random random = new Random(9);
        BufferedImage sixteen = new BufferedImage(9, 4, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage interlaced = new BufferedImage(9, 4, BufferedImage.TYPE_3BYTE_BGR);
        interlaced.setRGB(0, 0, 9, 4, TestImages.photo(9, 4).pixels(), 0, 9);
        TestPng rgbWithTransparentColour = new TestPng(9, 4, 2, 8, random);
        rgbWithTransparentColour.transparency = new byte[] {0, 1, 0, 2, 0, 3};
        TestPng withProfile = new TestPng(9, 4, 2, 8, random);
        withProfile.iccProfile = true;
        for (byte[] png : new byte[][] {imageIoPng(sixteen, false), imageIoPng(interlaced, true),
            rgbWithTransparentColour.write(y -> 0, random), withProfile.write(y -> 0, random)}) {
            assertThat(PngDecoder.decode(png, NO_LIMIT)).isNull();
            assertThat(PngDecoder.takes(png)).isFalse();
            assertThat(new ImageDecoder(1_000_000).decodesWithoutCopy(png)).isFalse();
            ArgbImage decoded = new ImageDecoder(1_000_000).decode(png);
            assertThat(decoded.pixels()).isEqualTo(imageIo(png).pixels());
        }
    }

    @Test
    void theSizeIsCheckedBeforeAnyPixelMemoryIsTaken() {
        Random random = new Random(3);
        TestPng huge = new TestPng(100_000, 100_000, 3, 1, random);
        huge.palette(random, 2);
        byte[] file = huge.writeHeaderOnly();
        assertThatThrownBy(() -> new ImageDecoder(40_000_000).decode(file))
                .isInstanceOf(InvalidImageException.class)
                .hasMessage("is 100000x100000 (10000 megapixels); the limit is 40 megapixels");
    }

    @Test
    void damagedFilesAreRefusedWithTheUsualMessage() throws Exception {
        Random random = new Random(11);
        TestPng png = new TestPng(17, 11, 2, 8, random);
        png.dataPiece = Integer.MAX_VALUE; // one IDAT, so that cutting it anywhere loses image data
        byte[] good = png.write(y -> y % 5, random);
        String damaged = "could not be decoded as PNG (the file is damaged or truncated)";

        byte[] badCrc = good.clone();
        badCrc[good.length - 13] ^= 1; // the last byte of the last IDAT's CRC
        assertThatThrownBy(() -> PngDecoder.decode(badCrc, NO_LIMIT)).hasMessage(damaged);

        byte[] badFilter = png.write(y -> y == 4 ? 5 : 0, random);
        assertThatThrownBy(() -> PngDecoder.decode(badFilter, NO_LIMIT)).hasMessage(damaged);

        TestPng noPalette = new TestPng(5, 5, 3, 8, random);
        byte[] withoutPlte = noPalette.write(y -> 0, random);
        assertThatThrownBy(() -> PngDecoder.decode(withoutPlte, NO_LIMIT)).hasMessage(damaged);

        // Cut anywhere inside the image data: refused. Cut after it (in IEND): decoded, as ImageIO does.
        int dataEnd = good.length - 12;
        for (int cut = 8; cut < good.length; cut++) {
            byte[] truncated = Arrays.copyOf(good, cut);
            if (cut < dataEnd) {
                assertThatThrownBy(() -> new ImageDecoder(1_000_000).decode(truncated))
                        .as("cut at %d", cut).isInstanceOf(InvalidImageException.class);
            } else {
                assertThat(PngDecoder.decode(truncated, NO_LIMIT)).isNotNull();
            }
        }
    }

    // Review findings: palettes ImageIO pads differently from "opaque black after the last colour".

    @Test
    void twoColourPaletteAtEightBitsPadsWithTheLastColourLikeImageIo() throws Exception {
        Random random = new Random(41);
        TestPng png = new TestPng(23, 9, 3, 8, random); // indices up to 255
        png.palette(random, 2); // ImageIO rounds to 2 entries, then pads to 256 with entry 1, not black
        assertSameAsImageIo(png.write(y -> 0, random));
    }

    @Test
    void transparencyPastAShortPaletteIsUsedLikeImageIo() throws Exception {
        Random random = new Random(42);
        TestPng png = new TestPng(23, 9, 3, 2, random); // indices 0..3
        png.palette(random, 3); // ImageIO rounds to 4 entries; the tRNS's 4th entry applies to index 3
        png.transparency = new byte[] {(byte) 255, (byte) 255, (byte) 255, 0};
        assertSameAsImageIo(png.write(y -> 0, random));
    }

    @Test
    void transparencyOfPaletteEntriesTheBitDepthCannotReachDoesNotMakeTheImageTranslucent() throws Exception {
        Random random = new Random(43);
        TestPng png = new TestPng(23, 9, 3, 2, random); // indices 0..3
        png.palette(random, 16); // longer than 2^2: ImageIO keeps 4 entries
        png.transparency = new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255, 0};
        assertSameAsImageIo(png.write(y -> 0, random));
    }

    @Test
    void aPixelLimitAboveTheArrayLimitGivesInvalidImageNotNegativeArraySize() {
        Random random = new Random(44);
        TestPng huge = new TestPng(46_341, 46_341, 0, 8, random); // 2,147,488,281 pixels > Integer.MAX_VALUE
        byte[] file = huge.writeHeaderOnly();
        assertThatThrownBy(() -> new ImageDecoder(5_000_000_000L).decode(file))
                .isInstanceOf(InvalidImageException.class);
    }

    @Test
    void paletteChunksOutOfOrderAreReadAsImageIoReadsThem() throws Exception {
        Random random = new Random(45);
        TestPng png = new TestPng(23, 9, 3, 8, random);
        png.palette(random, 40);
        png.transparency = new byte[] {0, (byte) 128, 7, 0};
        java.util.List<byte[]> chunks = chunksOf(png.write(y -> 4, random));
        // chunks: IHDR, PLTE, tRNS, IDAT..., IEND

        java.util.List<byte[]> transparencyFirst = new java.util.ArrayList<>(chunks);
        transparencyFirst.add(1, transparencyFirst.remove(2)); // tRNS before PLTE: ImageIO refuses the file
        byte[] refused = join(transparencyFirst);
        assertThatThrownBy(() -> imageIo(refused)).isInstanceOf(javax.imageio.IIOException.class);
        assertThatThrownBy(() -> PngDecoder.decode(refused, NO_LIMIT))
                .hasMessage("could not be decoded as PNG (the file is damaged or truncated)");

        java.util.List<byte[]> transparencyAfterData = new java.util.ArrayList<>(chunks);
        transparencyAfterData.add(transparencyAfterData.size() - 1, transparencyAfterData.remove(2));
        assertSameAsImageIo(join(transparencyAfterData)); // after IDAT: ImageIO never reads it

        java.util.List<byte[]> twoPalettes = new java.util.ArrayList<>(chunks);
        byte[] other = new byte[40 * 3];
        random.nextBytes(other);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        TestPng.chunk(second, "PLTE", other);
        twoPalettes.add(2, second.toByteArray()); // ImageIO refuses a second PLTE
        byte[] twice = join(twoPalettes);
        assertThatThrownBy(() -> imageIo(twice)).isInstanceOf(javax.imageio.IIOException.class);
        assertThatThrownBy(() -> PngDecoder.decode(twice, NO_LIMIT))
                .hasMessage("could not be decoded as PNG (the file is damaged or truncated)");
    }

    private static java.util.List<byte[]> chunksOf(byte[] file) {
        java.util.List<byte[]> chunks = new java.util.ArrayList<>();
        for (int at = 8; at < file.length; ) {
            int length = ByteBuffer.wrap(file, at, 4).getInt();
            chunks.add(Arrays.copyOfRange(file, at, at + 12 + length));
            at += 12 + length;
        }
        return chunks;
    }

    private static byte[] join(java.util.List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Random changes to a valid file, with CRCs mended so they reach the decoder's logic: decoded or refused. */
    @Test
    void randomDamageIsDecodedOrRefusedNeverAnotherException() throws Exception {
        Random random = new Random(2026);
        TestPng palette = new TestPng(12, 7, 3, 4, random);
        palette.palette(random, 16);
        palette.transparency = new byte[] {1, 2, 3};
        byte[][] seeds = {new TestPng(12, 7, 6, 8, random).write(y -> y % 5, random),
            palette.write(y -> y % 5, random), new TestPng(12, 7, 0, 2, random).write(y -> 4, random)};
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] file = seeds[i % seeds.length].clone();
            for (int changes = 1 + random.nextInt(4); changes > 0; changes--) {
                file[8 + random.nextInt(file.length - 8)] = (byte) random.nextInt(256);
            }
            mendCrcs(file);
            try {
                if (PngDecoder.decode(file, ONE_MEGAPIXEL) != null) {
                    decoded++;
                }
            } catch (InvalidImageException e) {
                refused++;
            }
        }
        assertThat(decoded).isPositive();
        assertThat(refused).isPositive();
    }

    private static void mendCrcs(byte[] file) {
        int at = 8;
        while (at + 12 <= file.length) {
            long length = ByteBuffer.wrap(file, at, 4).getInt() & 0xFFFFFFFFL;
            if (length > file.length - at - 12) {
                return;
            }
            CRC32 crc = new CRC32();
            crc.update(file, at + 4, 4 + (int) length);
            ByteBuffer.wrap(file, at + 8 + (int) length, 4).putInt((int) crc.getValue());
            at += 12 + (int) length;
        }
    }

    private static byte[] imageIoPng(BufferedImage image, boolean interlaced) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A PNG written sample by sample, with the filter of each row chosen by the test. */
    private static final class TestPng {
        final int width;
        final int height;
        final int colourType;
        final int bitDepth;
        final byte[][] rows;
        byte[] palette;
        byte[] transparency;
        boolean iccProfile;
        /** The largest IDAT; each is cut at a random length up to it, empty ones included. */
        int dataPiece = 40;

        TestPng(int width, int height, int colourType, int bitDepth, Random random) {
            this.width = width;
            this.height = height;
            this.colourType = colourType;
            this.bitDepth = bitDepth;
            int samples = switch (colourType) {
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> 1;
            };
            int rowBytes = (int) (((long) width * samples * bitDepth + 7) / 8);
            rows = new byte[width * (long) height > 1_000_000 ? 0 : height][rowBytes];
            for (byte[] row : rows) {
                random.nextBytes(row);
            }
        }

        void palette(Random random, int colours) {
            palette = new byte[colours * 3];
            random.nextBytes(palette);
        }

        interface Filters {
            int of(int y);
        }

        byte[] write(Filters filters, Random random) {
            int bpp = Math.max(1, bitsPerPixel() / 8);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            byte[] previous = new byte[rows.length == 0 ? 0 : rows[0].length];
            for (int y = 0; y < rows.length; y++) {
                int filter = filters.of(y);
                raw.write(filter);
                raw.writeBytes(filter(rows[y], previous, bpp, filter));
                previous = rows[y];
            }
            Deflater deflater = new Deflater();
            deflater.setInput(raw.toByteArray());
            deflater.finish();
            ByteArrayOutputStream zlib = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                zlib.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            ByteArrayOutputStream out = start();
            byte[] data = zlib.toByteArray();
            // The image data cut into IDAT chunks of random sizes, some of them empty, unless one is asked for.
            for (int at = 0; at < data.length; ) {
                int n = Math.min(data.length - at, dataPiece == Integer.MAX_VALUE ? dataPiece : random.nextInt(dataPiece));
                chunk(out, "IDAT", Arrays.copyOfRange(data, at, at + n));
                at += n;
            }
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        }

        byte[] writeHeaderOnly() {
            ByteArrayOutputStream out = start();
            chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        }

        private ByteArrayOutputStream start() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                    .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array());
            if (iccProfile) {
                byte[] profile = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB)
                        .getData();
                Deflater deflater = new Deflater();
                deflater.setInput(profile);
                deflater.finish();
                byte[] compressed = new byte[profile.length + 1024];
                int n = deflater.deflate(compressed);
                deflater.end();
                ByteArrayOutputStream iccp = new ByteArrayOutputStream();
                iccp.writeBytes("sRGB".getBytes(StandardCharsets.US_ASCII));
                iccp.write(0);
                iccp.write(0);
                iccp.write(compressed, 0, n);
                chunk(out, "iCCP", iccp.toByteArray());
            }
            if (palette != null) {
                chunk(out, "PLTE", palette);
            }
            if (transparency != null) {
                chunk(out, "tRNS", transparency);
            }
            return out;
        }

        private int bitsPerPixel() {
            return bitDepth * switch (colourType) {
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> 1;
            };
        }

        private static byte[] filter(byte[] row, byte[] previous, int bpp, int filter) {
            byte[] out = new byte[row.length];
            for (int i = 0; i < row.length; i++) {
                int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
                int b = previous[i] & 0xFF;
                int c = i >= bpp ? previous[i - bpp] & 0xFF : 0;
                int predicted = switch (filter) {
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) / 2;
                    case 4 -> paeth(a, b, c);
                    default -> 0;
                };
                out[i] = (byte) (row[i] - predicted);
            }
            return out;
        }

        private static int paeth(int a, int b, int c) {
            int p = a + b - c;
            int pa = Math.abs(p - a);
            int pb = Math.abs(p - b);
            int pc = Math.abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
            out.writeBytes(name);
            out.writeBytes(data);
            CRC32 crc = new CRC32();
            crc.update(name);
            crc.update(data);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
    }
}
