package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Range headers RFC 9110 allows for one range of a 100-byte image, and the ones it says to ignore. */
class ByteRangeTest {
    @Test
    void readsTheThreeFormsOfOneRange() {
        assertThat(ByteRange.parse("bytes=0-0", 100)).hasValue(new ByteRange(0, 1));
        assertThat(ByteRange.parse("bytes=10-", 100)).hasValue(new ByteRange(10, 90));
        assertThat(ByteRange.parse("bytes=-10", 100)).hasValue(new ByteRange(90, 10));
        assertThat(ByteRange.parse("bytes=90-500", 100)).as("clipped to the end").hasValue(new ByteRange(90, 10));
        assertThat(ByteRange.parse("bytes=-500", 100)).as("more than all of it").hasValue(new ByteRange(0, 100));
        assertThat(new ByteRange(10, 40).contentRange(100)).isEqualTo("bytes 10-49/100");
    }

    @Test
    void whatCannotBeReadOrIsSeveralRangesGetsTheWholeImage() {
        assertThat(ByteRange.parse(null, 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=5-3", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 100)).isEmpty();
        assertThat(ByteRange.parse("items=0-5", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-5,10-20", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 100)).isEmpty();
    }

    @Test
    void aRangeThatStartsPastTheEndCannotBeSatisfied() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
