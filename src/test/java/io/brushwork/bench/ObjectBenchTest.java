package io.brushwork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import io.brushwork.testing.TestImages;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pieces of the objects section that can be checked without photos or peers installed. */
class ObjectBenchTest {
    @Test
    void everyObjectMaskIsAModestHoleInsideItsPhoto() {
        Set<String> names = new HashSet<>();
        for (ObjectMasks.Case c : ObjectMasks.CASES) {
            assertThat(names.add(c.name())).as("unique name %s", c.name()).isTrue();
            // The sample photos are at most 640x427; a mask that spilled off the photo or covered most of it
            // would be a typo in the coordinates.
            Mask mask = c.mask(640, 512);
            assertThat(mask.holeCount()).as(c.name()).isBetween(100, 640 * 512 / 10);
        }
    }

    @Test
    void ssimInTheBoxOfAnUntouchedImageIsOneAndTheBoxIsTheHoles() {
        ArgbImage photo = TestImages.photo(40, 30);
        boolean[] hole = new boolean[40 * 30];
        for (int y = 10; y <= 14; y++) {
            for (int x = 5; x <= 20; x++) {
                hole[y * 40 + x] = true;
            }
        }
        Mask mask = new Mask(40, 30, hole);
        assertThat(Metrics.box(mask)).containsExactly(5, 10, 20, 14);
        assertThat(Metrics.ssimInBox(photo, photo, mask)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void tallyGivesMediansAndEachRowsBest() {
        Tally t = new Tally();
        t.add("a", 0.5);
        t.add("b", 0.7);
        assertThat(t.bestOfRow()).isEqualTo("b");
        t.add("a", 0.9);
        t.add("b", 0.1);
        assertThat(t.bestOfRow()).isEqualTo("a");
        t.add("a", 0.2);
        assertThat(t.median("a")).isEqualTo(0.5);
        assertThat(t.median("b")).isEqualTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Tally.wins(java.util.List.of("a", "b", "a"))).isEqualTo("a 2, b 1");
    }
}
