package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * G'MIC's patch-based inpainting (Debian package {@code gmic}), run exactly as GIMP's "Inpaint [Patch-Based]"
 * filter runs it: {@code fx_inpaint_patch} with the filter's default parameters on one layer where the hole is
 * painted in the masking colour.
 */
final class GmicInpaint {
    /**
     * The filter's defaults: patch size 7, lookup size 16, lookup factor 0.1, blend size 1.2, blend threshold 0,
     * blend decay 0.05, blend scales 10, outer blending on; then the masking colour (RGBA), dilation 0, and the
     * output mode.
     */
    private static final String DEFAULTS = "7,16,0.1,1.2,0,0.05,10,1,%d,%d,%d,255,0,0";

    /** Masking colours to try, the filter's default (red) first: the first one no known pixel has is used. */
    private static final List<Integer> MASK_COLOURS = List.of(0xFF0000, 0x00FF00, 0x0000FF, 0xFF00FF, 0x00FFFF);

    private GmicInpaint() {
    }

    static boolean installed() {
        return PeerProcess.succeeds("gmic", "-v", "-", "-version");
    }

    static ArgbImage fill(ArgbImage image, Mask mask) {
        int colour = unusedColour(image, mask);
        int[] px = image.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            if (mask.isHole(i)) {
                px[i] = 0xFF000000 | colour;
            }
        }
        try (PeerProcess peer = new PeerProcess()) {
            Path in = peer.write("in.png", new ArgbImage(image.width(), image.height(), px, false));
            Path out = peer.file("out.png");
            String params = String.format(DEFAULTS, colour >> 16 & 0xff, colour >> 8 & 0xff, colour & 0xff);
            return PeerProcess.holeOnly(image, mask,
                    peer.run(out, "gmic", "-v", "-", in.toString(), "fx_inpaint_patch", params, "o", out.toString()));
        }
    }

    private static int unusedColour(ArgbImage image, Mask mask) {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < image.pixels().length; i++) {
            if (!mask.isHole(i)) {
                used.add(image.pixels()[i] & 0xFFFFFF);
            }
        }
        return MASK_COLOURS.stream().filter(c -> !used.contains(c)).findFirst()
                .orElseThrow(() -> new IllegalStateException("every masking colour occurs in the photo"));
    }
}
