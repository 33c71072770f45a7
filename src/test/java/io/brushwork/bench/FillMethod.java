package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;

/** One fill method in the benchmark: a short name for the tables, a title for the montages, and the fill itself. */
record FillMethod(String name, String title, Fill fill) {
    @FunctionalInterface
    interface Fill {
        ArgbImage apply(ArgbImage image, Mask mask);
    }
}
