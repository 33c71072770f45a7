package io.brushwork.image;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the PNGs that uploads almost always are, straight to packed ARGB: not interlaced, 8 bits per sample (grey,
 * grey and alpha, RGB, RGBA) or a palette of 1 to 8 bits, or grey of 1, 2 or 4 bits. It inflates and unfilters one
 * row at a time into the pixel array, so the only image-sized memory is the result, and it gives the same pixels
 * and alpha flag as ImageIO's reader for these layouts, in about half its time (docs/BENCHMARKS.md, "PNG
 * decoding"). Any other layout (interlaced, 16 bits, an ICC profile, a transparent colour in a grey or RGB image) is
 * left to ImageIO, which knows more of the rare ones; so is a file whose header is not a valid PNG header, so that
 * its error is ImageIO's as before.
 *
 * <p>Like libpng, and unlike ImageIO, it checks the CRC of every PNG's header, palette, transparency and image data
 * chunks, so a file damaged in transit is refused rather than decoded into wrong pixels.
 */
final class PngDecoder {
    private static final int SIGNATURE_BYTES = 8;
    private static final int GREY = 0;
    private static final int RGB = 2;
    private static final int PALETTE = 3;
    private static final int GREY_ALPHA = 4;
    private static final int RGBA = 6;
    /** How many bytes of scanlines are inflated at a time. */
    private static final int BATCH_BYTES = 1 << 16;
    /** The longest array a JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Checks a header's width and height before any pixel memory is taken. */
    interface SizeCheck {
        void check(long width, long height) throws InvalidImageException;
    }

    private PngDecoder() {
    }

    /**
     * The decoded image, or null when the file is a layout this decoder leaves to ImageIO.
     *
     * @throws InvalidImageException when the file is damaged or truncated, or its size fails {@code sizeCheck}
     */
    static ArgbImage decode(byte[] png, SizeCheck sizeCheck) throws InvalidImageException {
        Chunks chunks = Chunks.read(png, true);
        if (!chunks.handled()) {
            return null;
        }
        Header header = chunks.header;
        sizeCheck.check(header.width, header.height);
        // A pixel limit set above what one array holds must not overflow the pixel array or the row buffer.
        long rowBytes = 1 + ((long) header.width * header.bitsPerPixel() + 7) / 8;
        if ((long) header.width * header.height > MAX_ARRAY || 2 * rowBytes > MAX_ARRAY) {
            throw damaged();
        }
        int[] palette = header.colourType == PALETTE ? palette(png, chunks, header.bitDepth) : null;
        int[] pixels = new int[header.width * header.height];
        inflateRows(png, chunks.data, header, palette, pixels);
        boolean alpha = header.colourType == GREY_ALPHA || header.colourType == RGBA
                || (palette != null && translucent(palette));
        return new ArgbImage(header.width, header.height, pixels, alpha);
    }

    /**
     * Whether {@link #decode} would decode this file rather than leave it to ImageIO, so that decoding it takes no
     * memory beyond the result and two row buffers. Its checksums are not checked here.
     */
    static boolean takes(byte[] png) {
        try {
            return Chunks.read(png, false).handled();
        } catch (InvalidImageException e) {
            return false; // a file it would refuse is left to the usual path, which refuses it
        }
    }

    private record Header(int width, int height, int bitDepth, int colourType, boolean interlaced) {
        boolean handled() {
            if (interlaced) {
                return false;
            }
            return switch (colourType) {
                case GREY, PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
                case RGB, GREY_ALPHA, RGBA -> bitDepth == 8;
                default -> false;
            };
        }

        int bitsPerPixel() {
            return bitDepth * switch (colourType) {
                case RGB -> 3;
                case GREY_ALPHA -> 2;
                case RGBA -> 4;
                default -> 1;
            };
        }
    }

    /** Where a chunk's data lies in the file. */
    private record Span(int offset, int length) {
    }

    /** The chunks this decoder uses, up to IEND or the end of the file. */
    private static final class Chunks {
        Header header;
        Span palette;
        Span transparency;
        boolean transparencyAfterPalette;
        boolean hasIccProfile;
        final List<Span> data = new ArrayList<>();

        boolean handled() {
            return header != null && header.handled() && !hasIccProfile
                    && (transparency == null || header.colourType == PALETTE);
        }

        static Chunks read(byte[] png, boolean checkCrc) throws InvalidImageException {
            Chunks chunks = new Chunks();
            CRC32 crc = new CRC32();
            int at = SIGNATURE_BYTES;
            // A chunk cut short ends the list; whether the rows were all there is found when they are inflated.
            while (at + 12 <= png.length) {
                long length = readInt(png, at) & 0xFFFFFFFFL;
                if (length > png.length - at - 12) {
                    break;
                }
                int type = readInt(png, at + 4);
                int dataAt = at + 8;
                String name = chunkName(type);
                boolean used = name.equals("IHDR") || name.equals("PLTE") || name.equals("tRNS")
                        || name.equals("IDAT");
                if (used && checkCrc) {
                    crc.reset();
                    crc.update(png, at + 4, 4 + (int) length);
                    if ((int) crc.getValue() != readInt(png, dataAt + (int) length)) {
                        throw damaged();
                    }
                }
                if (chunks.header == null && !name.equals("IHDR")) {
                    return chunks; // IHDR must come first; the error is ImageIO's to report
                }
                Span span = new Span(dataAt, (int) length);
                switch (name) {
                    case "IHDR" -> {
                        chunks.header = length == 13 && chunks.header == null ? header(png, dataAt) : null;
                        if (chunks.header == null) {
                            return chunks;
                        }
                    }
                    // As ImageIO reads them: one PLTE, a palette's tRNS after it, neither after IDAT.
                    case "PLTE" -> {
                        if (chunks.data.isEmpty()) {
                            if (chunks.palette != null) {
                                throw damaged(); // ImageIO refuses a second PLTE
                            }
                            chunks.palette = span;
                        }
                    }
                    case "tRNS" -> {
                        if (chunks.data.isEmpty()) {
                            chunks.transparency = span;
                            chunks.transparencyAfterPalette = chunks.palette != null;
                        }
                    }
                    case "iCCP" -> chunks.hasIccProfile = true;
                    case "IDAT" -> chunks.data.add(span);
                    case "IEND" -> {
                        return chunks;
                    }
                    default -> {
                    }
                }
                at = dataAt + (int) length + 4;
            }
            return chunks;
        }

        private static Header header(byte[] png, int at) {
            long width = readInt(png, at) & 0xFFFFFFFFL;
            long height = readInt(png, at + 4) & 0xFFFFFFFFL;
            int bitDepth = png[at + 8] & 0xFF;
            int colourType = png[at + 9] & 0xFF;
            int compression = png[at + 10] & 0xFF;
            int filter = png[at + 11] & 0xFF;
            int interlace = png[at + 12] & 0xFF;
            if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE
                    || compression != 0 || filter != 0 || interlace > 1) {
                return null;
            }
            return new Header((int) width, (int) height, bitDepth, colourType, interlace == 1);
        }
    }

    /**
     * The palette as packed ARGB with tRNS's alpha, one entry for every index the bit depth can hold, padded as
     * ImageIO pads it, so that an index past the palette decodes as it did before: ImageIO keeps at most 2^depth
     * colours, rounds their count up to 2, 4, 16 or 256 with black entries that tRNS may still make translucent,
     * then repeats the last of those up to 2^depth, opaque.
     */
    private static int[] palette(byte[] png, Chunks chunks, int bitDepth) throws InvalidImageException {
        Span plte = chunks.palette;
        if (plte == null || plte.length == 0 || plte.length % 3 != 0) {
            throw damaged();
        }
        int size = 1 << bitDepth;
        int colours = Math.min(plte.length / 3, size);
        int rounded = colours > 16 ? 256 : colours > 4 ? 16 : colours > 2 ? 4 : 2;
        Span trns = chunks.transparency;
        if (trns != null && !chunks.transparencyAfterPalette) {
            throw damaged(); // ImageIO refuses a palette's tRNS before its PLTE too
        }
        int alphas = trns == null ? 0 : Math.min(trns.length, rounded);
        int[] argb = new int[size];
        for (int i = 0; i < size; i++) {
            int entry = Math.min(i, rounded - 1);
            int rgb = 0;
            if (entry < colours) {
                int at = plte.offset + entry * 3;
                rgb = (png[at] & 0xFF) << 16 | (png[at + 1] & 0xFF) << 8 | (png[at + 2] & 0xFF);
            }
            int a = i < alphas ? png[trns.offset + i] & 0xFF : 0xFF;
            argb[i] = a << 24 | rgb;
        }
        return argb;
    }

    private static boolean translucent(int[] palette) {
        for (int argb : palette) {
            if (argb >>> 24 != 0xFF) {
                return true;
            }
        }
        return false;
    }

    private static void inflateRows(byte[] png, List<Span> data, Header header, int[] palette, int[] pixels)
            throws InvalidImageException {
        int bitsPerPixel = header.bitsPerPixel();
        int stride = 1 + (int) (((long) header.width * bitsPerPixel + 7) / 8);
        int step = Math.max(1, bitsPerPixel / 8);
        // Rows are inflated a batch at a time: one call per row costs a fifth more than the inflating itself.
        int batch = Math.max(1, Math.min(header.height, BATCH_BYTES / stride));
        byte[] rows = new byte[(batch + 1) * stride]; // the row above the batch, then the batch
        Inflater inflater = new Inflater();
        try {
            int nextSpan = 0;
            for (int y0 = 0; y0 < header.height; y0 += batch) {
                int n = Math.min(batch, header.height - y0);
                int filled = 0;
                while (filled < n * stride) {
                    int got = inflater.inflate(rows, stride + filled, n * stride - filled);
                    filled += got;
                    if (got == 0) {
                        // Out of input with rows to go, or a stream that ended early or wants a dictionary.
                        if (!inflater.needsInput() || nextSpan == data.size()) {
                            throw damaged();
                        }
                        Span span = data.get(nextSpan++);
                        inflater.setInput(png, span.offset, span.length);
                    }
                }
                for (int r = 1; r <= n; r++) {
                    unfilter(rows, r * stride, stride, step);
                    toArgb(rows, r * stride + 1, header, palette, pixels, (y0 + r - 1) * header.width);
                }
                System.arraycopy(rows, n * stride, rows, 0, stride);
            }
        } catch (DataFormatException e) {
            throw damaged();
        } finally {
            inflater.end();
        }
    }

    /**
     * Undoes the filter of the row at {@code at} (its filter byte, then {@code stride - 1} bytes) in place, against
     * the unfiltered row just before it in the same array (zeros above the first row).
     */
    private static void unfilter(byte[] b, int at, int stride, int step) throws InvalidImageException {
        switch (b[at]) {
            case 0 -> {
            }
            case 1 -> sub(b, at + 1, at + stride, step);
            case 2 -> up(b, at + 1, at + stride, stride);
            case 3 -> average(b, at + 1, at + stride, stride, step);
            case 4 -> paeth(b, at + 1, at + stride, stride, step);
            default -> throw damaged();
        }
    }

    private static void sub(byte[] b, int first, int end, int step) {
        for (int i = first + step; i < end; i++) {
            b[i] += b[i - step];
        }
    }

    private static void up(byte[] b, int first, int end, int stride) {
        for (int i = first; i < end; i++) {
            b[i] += b[i - stride];
        }
    }

    private static void average(byte[] b, int first, int end, int stride, int step) {
        int leftEdge = Math.min(first + step, end);
        for (int i = first; i < leftEdge; i++) {
            b[i] += (byte) ((b[i - stride] & 0xFF) >>> 1);
        }
        for (int i = leftEdge; i < end; i++) {
            b[i] += (byte) (((b[i - step] & 0xFF) + (b[i - stride] & 0xFF)) >>> 1);
        }
    }

    private static void paeth(byte[] b, int first, int end, int stride, int step) {
        int leftEdge = Math.min(first + step, end);
        for (int i = first; i < leftEdge; i++) {
            b[i] += b[i - stride];
        }
        for (int i = leftEdge; i < end; i++) {
            int a = b[i - step] & 0xFF;
            int above = b[i - stride] & 0xFF;
            int c = b[i - stride - step] & 0xFF;
            int pa = Math.abs(above - c);
            int pb = Math.abs(a - c);
            int pc = Math.abs(a + above - 2 * c);
            b[i] += (byte) (pa <= pb && pa <= pc ? a : pb <= pc ? above : c);
        }
    }

    /** One unfiltered row's samples, from {@code at}, to packed ARGB pixels from {@code start}. */
    private static void toArgb(byte[] row, int at, Header header, int[] palette, int[] out, int start) {
        int w = header.width;
        switch (header.colourType) {
            case RGB -> rgb(row, at, out, start, w);
            case RGBA -> rgba(row, at, out, start, w);
            case GREY_ALPHA -> greyAlpha(row, at, out, start, w);
            default -> {
                if (header.bitDepth == 8) {
                    indexed(row, at, palette != null ? palette : GREYS, out, start, w);
                } else {
                    packed(row, at, header.bitDepth, palette, out, start, w);
                }
            }
        }
    }

    /** Grey levels as a palette, for 8-bit grey. */
    private static final int[] GREYS = new int[256];

    static {
        for (int g = 0; g < GREYS.length; g++) {
            GREYS[g] = 0xFF000000 | g * 0x010101;
        }
    }

    // One small method per layout: the JIT compiles each tight loop on its own better than one long switch.
    private static void rgb(byte[] row, int at, int[] out, int start, int w) {
        for (int x = 0, i = at; x < w; x++, i += 3) {
            out[start + x] = 0xFF000000 | (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | (row[i + 2] & 0xFF);
        }
    }

    private static void rgba(byte[] row, int at, int[] out, int start, int w) {
        for (int x = 0, i = at; x < w; x++, i += 4) {
            out[start + x] = (row[i + 3] & 0xFF) << 24 | (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8
                    | (row[i + 2] & 0xFF);
        }
    }

    private static void greyAlpha(byte[] row, int at, int[] out, int start, int w) {
        for (int x = 0, i = at; x < w; x++, i += 2) {
            out[start + x] = (row[i + 1] & 0xFF) << 24 | (row[i] & 0xFF) * 0x010101;
        }
    }

    private static void indexed(byte[] row, int at, int[] colours, int[] out, int start, int w) {
        for (int x = 0; x < w; x++) {
            out[start + x] = colours[row[at + x] & 0xFF];
        }
    }

    /** Grey or palette of 1, 2 or 4 bits a pixel, packed from the high bits of each byte. */
    private static void packed(byte[] row, int at, int bits, int[] palette, int[] out, int start, int w) {
        int mask = (1 << bits) - 1;
        int scale = 255 / mask;
        for (int x = 0; x < w; x++) {
            int bit = x * bits;
            int value = (row[at + (bit >>> 3)] & 0xFF) >>> (8 - bits - (bit & 7)) & mask;
            out[start + x] = palette != null ? palette[value] : 0xFF000000 | value * scale * 0x010101;
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static String chunkName(int type) {
        return new String(new char[] {(char) (type >>> 24 & 0xFF), (char) (type >>> 16 & 0xFF),
            (char) (type >>> 8 & 0xFF), (char) (type & 0xFF)});
    }

    private static InvalidImageException damaged() {
        return new InvalidImageException("could not be decoded as PNG (the file is damaged or truncated)");
    }
}
