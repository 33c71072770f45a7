package io.brushwork.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.image.ImageFormat;
import io.brushwork.image.ImageInfo;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private static ImageInfo image(int w, int h) {
        return new ImageInfo(ImageFormat.PNG, w, h);
    }

    @Test
    void editsReserveMemoryAndReleaseIt() {
        MemoryBudget budget = new MemoryBudget(1000 * 1000 * MemoryBudget.BYTES_PER_PIXEL);
        MemoryBudget.Reservation first = budget.reserve(image(1000, 600));
        assertThatThrownBy(() -> budget.reserve(image(1000, 500)))
                .isInstanceOf(OverloadedException.class).hasMessageContaining("1000x500");
        MemoryBudget.Reservation second = budget.reserve(image(1000, 400));
        first.close();
        first.close(); // twice is harmless
        assertThat(budget.usedBytes()).isEqualTo(400_000 * MemoryBudget.BYTES_PER_PIXEL);
        second.close();
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void anImageLargerThanTheWholeBudgetIsAClientError() {
        MemoryBudget budget = new MemoryBudget(2_000_000 * MemoryBudget.BYTES_PER_PIXEL);
        assertThatThrownBy(() -> budget.reserve(image(2000, 2000)))
                .isInstanceOf(InvalidEditException.class)
                .hasMessageContaining("2000x2000").hasMessageContaining("at most about 2 megapixels");
    }

    /** The image's reservation and the engine's add up: together they must fit, or no retry ever helps. */
    @Test
    void anEditWhoseImageAndWorkingMemoryCanNeverFitIsAClientError() {
        MemoryBudget budget = new MemoryBudget(1000 * 1000 * MemoryBudget.BYTES_PER_PIXEL);
        ImageInfo photo = image(1000, 800);
        MemoryBudget.Reservation base = budget.reserve(photo);
        long working = 300 * 1000 * MemoryBudget.BYTES_PER_PIXEL; // fits alone, not beside the image
        assertThatThrownBy(() -> budget.reserveWorking(working, photo))
                .isInstanceOf(InvalidEditException.class).hasMessageContaining("1000x800");
        MemoryBudget.Reservation fits = budget.reserveWorking(working / 2, photo);
        assertThat(budget.usedBytes()).isEqualTo(950_000 * MemoryBudget.BYTES_PER_PIXEL);
        fits.close();
        base.close();
        assertThat(budget.usedBytes()).isZero();
    }
}
