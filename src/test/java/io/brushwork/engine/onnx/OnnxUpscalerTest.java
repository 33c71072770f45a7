package io.brushwork.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.engine.BackendException;
import io.brushwork.engine.Cancellation;
import io.brushwork.image.ArgbImage;
import io.brushwork.testing.OnnxGraph;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.WatchedCancellation;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real ONNX Runtime sessions on the tiny models {@link SuperResolutionModel} writes with Real-ESRGAN's tensors. */
class OnnxUpscalerTest {
    @TempDir
    Path dir;

    /** A photo-like image with some texture, so that a wrong tile or a shifted crop shows. */
    private static ArgbImage textured(int w, int h) {
        ArgbImage photo = TestImages.photo(w, h);
        int[] px = photo.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            int noise = (int) ((i * 2654435761L >>> 13) % 64) - 32;
            int g = Math.max(0, Math.min(255, ((px[i] >> 8) & 0xff) + noise));
            px[i] = (px[i] & 0xFFFF00FF) | g << 8;
        }
        return new ArgbImage(w, h, px, false);
    }

    @Test
    void measuresTheScaleAndEnlargesAsTheModelDoes() throws Exception {
        for (int scale = 2; scale <= 3; scale++) {
            Path model = SuperResolutionModel.resize(dir.resolve("nearest" + scale + ".onnx"), "input", scale,
                    "nearest");
            ArgbImage image = textured(45, 31);
            try (OnnxUpscaler upscaler = OnnxUpscaler.open("nearest", model, 1, 16, 4)) {
                assertThat(upscaler.scale()).isEqualTo(scale);
                ArgbImage out = upscaler.upscale(image, Cancellation.NONE);
                assertThat(out.resolution()).isEqualTo(45 * scale + "x" + 31 * scale);
                assertThat(out.hasAlpha()).isFalse();
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 0; x < out.width(); x++) {
                        assertThat(out.pixels()[y * out.width() + x]).as("%d,%d", x, y)
                                .isEqualTo(image.pixels()[y / scale * 45 + x / scale]);
                    }
                }
            }
        }
    }

    /**
     * A model that runs only on even sizes, as Real-ESRGAN's x2 does: measured so when opened, and photos of odd
     * sizes still come out whole, their edge windows padded with the photo mirrored past its edges.
     */
    @Test
    void aModelThatTakesOnlyEvenSizesEnlargesPhotosOfOddSizes() throws Exception {
        Path model = SuperResolutionModel.unshuffled(dir.resolve("unshuffled.onnx"));
        try (OnnxUpscaler tiled = OnnxUpscaler.open("even", model, 1, 16, 5);
                OnnxUpscaler whole = OnnxUpscaler.open("whole", model, 1, 1000, 0);
                OnnxUpscaler nearest = OnnxUpscaler.open("nearest",
                        SuperResolutionModel.resize(dir.resolve("nearest.onnx"), "input", 2, "nearest"), 1, 16, 4)) {
            assertThat(tiled.scale()).isEqualTo(2);
            assertThat(tiled.alignment()).isEqualTo(2);
            assertThat(nearest.alignment()).as("a model that takes any size is not padded").isEqualTo(1);
            for (int[] size : new int[][] {{37, 23}, {1, 1}, {3, 40}, {64, 33}}) {
                ArgbImage image = textured(size[0], size[1]);
                ArgbImage expected = nearest.upscale(image, Cancellation.NONE);
                assertThat(tiled.upscale(image, Cancellation.NONE).pixels()).as("%dx%d", size[0], size[1])
                        .isEqualTo(expected.pixels());
                assertThat(whole.upscale(image, Cancellation.NONE).pixels()).isEqualTo(expected.pixels());
            }
        }
    }

    // Two 3x3 convolutions see two pixels around each one; an overlap of 4 covers them, so every tile's core
    // comes out as the whole image's run makes it. Without an overlap the tiles' edges show.
    @Test
    void tilesWithEnoughOverlapGiveExactlyTheWholeImagesPixels() throws Exception {
        Path model = SuperResolutionModel.convolutions(dir.resolve("conv.onnx"), 2);
        ArgbImage image = textured(83, 57);
        try (OnnxUpscaler whole = OnnxUpscaler.open("whole", model, 1, 1000, 0);
                OnnxUpscaler tiled = OnnxUpscaler.open("tiled", model, 1, 16, 4);
                OnnxUpscaler seams = OnnxUpscaler.open("seams", model, 1, 16, 0)) {
            ArgbImage expected = whole.upscale(image, Cancellation.NONE);
            assertThat(expected.resolution()).isEqualTo("166x114");
            assertThat(tiled.upscale(image, Cancellation.NONE).pixels()).isEqualTo(expected.pixels());
            assertThat(seams.upscale(image, Cancellation.NONE).pixels()).isNotEqualTo(expected.pixels());
        }
    }

    @Test
    void theDefaultTilesMatchTheWholeImageOnALargePhoto() throws Exception {
        Path model = SuperResolutionModel.convolutions(dir.resolve("conv.onnx"), 3);
        ArgbImage image = textured(431, 250);
        try (OnnxUpscaler whole = OnnxUpscaler.open("whole", model, 1, 1000, 0);
                OnnxUpscaler tiled = OnnxUpscaler.open("tiled", model, 1)) {
            assertThat(tiled.upscale(image, Cancellation.NONE).pixels())
                    .isEqualTo(whole.upscale(image, Cancellation.NONE).pixels());
        }
    }

    @Test
    void theSameBytesEveryRunAndWhateverTheThreads() throws Exception {
        Path model = SuperResolutionModel.convolutions(dir.resolve("conv.onnx"), 2);
        ArgbImage image = textured(70, 50);
        try (OnnxUpscaler one = OnnxUpscaler.open("one", model, 1, 16, 4);
                OnnxUpscaler two = OnnxUpscaler.open("two", model, 2, 16, 4)) {
            int[] first = one.upscale(image, Cancellation.NONE).pixels();
            assertThat(one.upscale(image, Cancellation.NONE).pixels()).isEqualTo(first);
            assertThat(two.upscale(image, Cancellation.NONE).pixels()).isEqualTo(first);
        }
    }

    @Test
    void alphaIsEnlargedBesideTheModel() throws Exception {
        Path model = SuperResolutionModel.resize(dir.resolve("linear.onnx"), "input", 2, "linear");
        int[] px = textured(20, 10).pixels().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = (px[i] & 0xFFFFFF) | (i % 20 < 10 ? 0x80 : 0xFF) << 24;
        }
        try (OnnxUpscaler upscaler = OnnxUpscaler.open("linear", model, 1, 8, 2)) {
            ArgbImage out = upscaler.upscale(new ArgbImage(20, 10, px, true), Cancellation.NONE);
            assertThat(out.hasAlpha()).isTrue();
            assertThat(out.pixels()[0] >>> 24).isEqualTo(0x80);
            assertThat(out.pixels()[39] >>> 24).isEqualTo(0xFF);
            assertThat(out.pixels()[19] >>> 24).isBetween(0x80, 0xFF);
        }
    }

    @Test
    void refusesAModelWithAnotherInputName() throws Exception {
        Path model = SuperResolutionModel.resize(dir.resolve("named.onnx"), "image", 2, "nearest");
        assertThatThrownBy(() -> OnnxUpscaler.open("named", model, 1))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("ONNX upscaler 'named' (" + model + ") has inputs ['image' float32"
                        + " [1, 3, -1, -1]]")
                .hasMessageContaining("the upscale contract expects one input 'input' float32 [1,3,H,W] RGB 0..1 of"
                        + " any H and W, and one output 'output' float32 [1,3,H*s,W*s]");
    }

    @Test
    void refusesAModelWhoseScaleIsNotWhole() throws Exception {
        Path model = SuperResolutionModel.resize(dir.resolve("half.onnx"), "input", 1.5f, "nearest");
        assertThatThrownBy(() -> OnnxUpscaler.open("half", model, 1))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("gives output [1, 3, 24, 36] for a probe of [1, 3, 16, 24], not a whole scale s"
                        + " from 2 to 8 of it; the upscale contract expects one input 'input'");
    }

    @Test
    void refusesAModelOfOneFixedSize() throws Exception {
        OnnxGraph g = new OnnxGraph("fixed");
        g.input("input", OnnxGraph.FLOAT, 1L, 3L, 64L, 64L);
        g.output("output", OnnxGraph.FLOAT, 1L, 3L, 128L, 128L);
        g.constant("t_scales", new long[] {4}, 1, 1, 2, 2);
        g.node("Resize", "output", "input", "", "t_scales");
        Path model = g.write(dir.resolve("fixed.onnx"));
        assertThatThrownBy(() -> OnnxUpscaler.open("fixed", model, 1))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("takes only [1, 3, 64, 64], a fixed size; the upscale contract expects");
    }

    @Test
    void aCancelledJobStopsBeforeItsNextTile() throws Exception {
        Path model = SuperResolutionModel.convolutions(dir.resolve("conv.onnx"), 1);
        try (OnnxUpscaler upscaler = OnnxUpscaler.open("conv", model, 1, 16, 2)) {
            WatchedCancellation cancellation = WatchedCancellation.atLook(3);
            assertThatThrownBy(() -> upscaler.upscale(textured(100, 100), cancellation))
                    .isInstanceOf(BackendException.class).hasMessage("conv stopped: its call was cancelled");
            // 49 tiles; it stopped at the third look
            assertThat(cancellation.looks.get()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void workingBytesFollowTheTileNotThePhoto() throws Exception {
        Path model = SuperResolutionModel.resize(dir.resolve("nearest.onnx"), "input", 2, "nearest");
        try (OnnxUpscaler upscaler = OnnxUpscaler.open("nearest", model, 1)) {
            long small = upscaler.workingBytes(1000, 1000);
            long large = upscaler.workingBytes(4000, 4000);
            // the result and alpha grow with the photo (8 bytes per output pixel, 4 per input), the tile does not
            assertThat(large - small).isEqualTo((16_000_000L - 1_000_000L) * 4 * 8 + (16_000_000L - 1_000_000L) * 4);
            assertThat(Arrays.asList(small, large)).allMatch(b -> b > 0);
        }
    }
}
