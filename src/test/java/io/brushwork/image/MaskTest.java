package io.brushwork.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {
    private static Mask of(int... argb) {
        return Mask.fromImage(new ArgbImage(argb.length, 1, argb, true));
    }

    @Test
    void blackIsHoleWhiteIsKeepAndTheThresholdIsHalfLuminance() {
        Mask mask = of(0xFF000000, 0xFFFFFFFF, 0xFF7F7F7F, 0xFF808080, 0xFFFF0000, 0xFF00FF00, 0xFF0000FF);
        assertThat(mask.isHole(0)).isTrue();
        assertThat(mask.isHole(1)).isFalse();
        assertThat(mask.isHole(2)).as("grey 127 is below half").isTrue();
        assertThat(mask.isHole(3)).as("grey 128 is above half").isFalse();
        assertThat(mask.isHole(4)).as("pure red is dark (luma 76)").isTrue();
        assertThat(mask.isHole(5)).as("pure green is light (luma 150)").isFalse();
        assertThat(mask.isHole(6)).as("pure blue is dark (luma 29)").isTrue();
        assertThat(mask.holeCount()).isEqualTo(4);
    }

    @Test
    void alphaIsCompositedOverWhite() {
        Mask mask = of(0x00000000, 0x40000000, 0xC0000000, 0xFF000000);
        assertThat(mask.isHole(0)).as("transparent black is white").isFalse();
        assertThat(mask.isHole(1)).as("mostly transparent black is light").isFalse();
        assertThat(mask.isHole(2)).as("mostly opaque black is dark").isTrue();
        assertThat(mask.isHole(3)).isTrue();
    }

    @Test
    void emptyAndFull() {
        assertThat(of(0xFFFFFFFF, 0xFFFFFFFF).isEmpty()).isTrue();
        assertThat(of(0xFF000000, 0xFF000000).isFull()).isTrue();
        assertThat(of(0xFF000000, 0xFFFFFFFF).isFull()).isFalse();
    }
}
