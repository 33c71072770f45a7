package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * OpenCV contrib's ShiftMap inpainting ({@code cv2.xphoto.inpaint(..., INPAINT_SHIFTMAP)}), through Debian's
 * {@code python3-opencv}, which carries the xphoto module (the Maven OpenCV used in-process does not).
 */
final class ShiftMapInpaint {
    /** Debian's python3-opencv lives in the system Python's packages; a python3 earlier on PATH may lack it. */
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
            : "python3";

    /** xphoto's mask is the opposite of ours: non-zero marks a known pixel, zero a pixel to fill. */
    private static final String SCRIPT = """
            import sys, cv2, numpy as np
            src = cv2.imread(sys.argv[1], cv2.IMREAD_COLOR)
            hole = cv2.imread(sys.argv[2], cv2.IMREAD_GRAYSCALE)
            known = np.where(hole > 0, 0, 255).astype(np.uint8)
            dst = np.zeros_like(src)
            cv2.xphoto.inpaint(src, known, dst, cv2.xphoto.INPAINT_SHIFTMAP)
            cv2.imwrite(sys.argv[3], dst)
            """;

    private ShiftMapInpaint() {
    }

    static boolean installed() {
        return PeerProcess.succeeds(PYTHON, "-c", "import cv2; cv2.xphoto.INPAINT_SHIFTMAP");
    }

    static ArgbImage fill(ArgbImage image, Mask mask) {
        int[] holes = new int[mask.width() * mask.height()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = mask.isHole(i) ? 0xFFFFFFFF : 0xFF000000;
        }
        try (PeerProcess peer = new PeerProcess()) {
            Path in = peer.write("in.png", image);
            Path holePng = peer.write("hole.png", new ArgbImage(mask.width(), mask.height(), holes, false));
            Path out = peer.file("out.png");
            return PeerProcess.holeOnly(image, mask, peer.run(out, PYTHON, "-c", SCRIPT, in.toString(), holePng.toString(),
                    out.toString()));
        }
    }
}
