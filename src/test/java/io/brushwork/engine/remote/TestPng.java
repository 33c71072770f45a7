package io.brushwork.engine.remote;

import io.brushwork.image.PngEncoder;
import io.brushwork.testing.TestImages;
import java.util.Arrays;

/** Broken PNGs, as a provider that dies mid-write leaves them. */
final class TestPng {
    private TestPng() {
    }

    /** A real PNG cut in half: the header is fine, the pixels are missing. */
    static byte[] truncated() {
        byte[] png = PngEncoder.encode(TestImages.photo(64, 48));
        return Arrays.copyOf(png, png.length / 2);
    }
}
