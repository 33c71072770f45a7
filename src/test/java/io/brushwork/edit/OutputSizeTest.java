package io.brushwork.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputSizeTest {
    @Test
    void theLegacyEditKeepsThePhotosSize() {
        assertThat(OutputSize.INPUT.of(451, 300)).containsExactly(451, 300);
    }

    @Test
    void v3TakesTheListedSizeNearestInShapeThenInArea() {
        assertThat(OutputSize.IDEOGRAM_V3.of(1024, 1024)).containsExactly(1024, 1024);
        assertThat(OutputSize.IDEOGRAM_V3.of(64, 64)).as("square, however small").containsExactly(1024, 1024);
        assertThat(OutputSize.IDEOGRAM_V3.of(4000, 3000)).as("4:3").containsExactly(1152, 864);
        assertThat(OutputSize.IDEOGRAM_V3.of(3000, 4000)).as("3:4").containsExactly(864, 1152);
        assertThat(OutputSize.IDEOGRAM_V3.of(1920, 1080)).as("16:9 is nearest 1312x736").containsExactly(1312, 736);
        assertThat(OutputSize.IDEOGRAM_V3.of(3000, 100)).as("a panorama gets the widest").containsExactly(1536, 512);
    }
}
