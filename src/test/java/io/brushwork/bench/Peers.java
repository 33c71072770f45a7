package io.brushwork.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The free classical fills of other projects that the benchmark compares against, each run as a subprocess
 * (scripts/install-bench-peers.sh installs them). A peer that is not installed is skipped with one printed line,
 * so a table never silently loses a column.
 */
final class Peers {
    private Peers() {
    }

    static List<FillMethod> available() {
        List<FillMethod> peers = new ArrayList<>();
        if (GmicInpaint.installed()) {
            peers.add(new FillMethod("gmic-patch", "G'MIC patch", GmicInpaint::fill));
        } else {
            System.out.println("skipped gmic-patch: no gmic on PATH (scripts/install-bench-peers.sh installs it)");
        }
        if (ShiftMapInpaint.installed()) {
            peers.add(new FillMethod("opencv-shiftmap", "OpenCV ShiftMap", ShiftMapInpaint::fill));
        } else {
            System.out.println("skipped opencv-shiftmap: no Python OpenCV with xphoto"
                    + " (scripts/install-bench-peers.sh installs Debian's python3-opencv)");
        }
        return peers;
    }
}
