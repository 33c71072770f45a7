package io.brushwork.image;

import java.util.Optional;

/** The upload formats Brushwork reads, recognised by their magic bytes rather than by name or content type. */
public enum ImageFormat {
    JPEG("jpeg"),
    PNG("png"),
    WEBP("webp");

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    String imageIoName() {
        return imageIoName;
    }

    public static Optional<ImageFormat> detect(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** Names a format we refuse, so that the error message can say what was actually sent. */
    static String describeUnsupported(byte[] bytes) {
        if (bytes.length == 0) {
            return "an empty file";
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
            return "a GIF image";
        }
        if (startsWith(bytes, 0, 'B', 'M')) {
            return "a BMP image";
        }
        if (startsWith(bytes, 0, 'I', 'I', 0x2A, 0x00) || startsWith(bytes, 0, 'M', 'M', 0x00, 0x2A)) {
            return "a TIFF image";
        }
        if (startsWith(bytes, 4, 'f', 't', 'y', 'p')) {
            return "a HEIC/AVIF image";
        }
        if (startsWith(bytes, 0, '%', 'P', 'D', 'F')) {
            return "a PDF document";
        }
        return "not an image in a supported format";
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
