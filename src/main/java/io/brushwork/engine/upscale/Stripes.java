package io.brushwork.engine.upscale;

import io.brushwork.engine.Cancellation;
import java.util.stream.IntStream;

/**
 * Runs a pass over rows in stripes, in parallel on the caller's fork-join pool, looking at the cancellation before
 * each stripe. Every pass writes each row from inputs that earlier passes have finished, so the result does not
 * depend on which thread made which stripe, or how many there were.
 */
final class Stripes {
    static final String BACKEND = "upscale";
    private static final int ROWS = 16;

    /** Fills rows {@code from} (inclusive) to {@code to} (exclusive); scratch space is the stripe's own. */
    interface Pass {
        void rows(int from, int to);
    }

    private Stripes() {
    }

    static void run(int rows, Cancellation cancellation, Pass pass) {
        IntStream.range(0, (rows + ROWS - 1) / ROWS).parallel().forEach(s -> {
            cancellation.check(BACKEND);
            pass.rows(s * ROWS, Math.min(rows, s * ROWS + ROWS));
        });
    }
}
