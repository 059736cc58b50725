package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkRangeTest {

    @Test
    void size_isEndMinusStart() {
        assertThat(new ChunkRange(2, 20, 25).size()).isEqualTo(5);
    }

    @Test
    void toString_showsChunkAndHalfOpenRange() {
        assertThat(new ChunkRange(2, 20, 25)).hasToString("chunk 2 [20, 25)");
    }

    @ParameterizedTest
    @CsvSource({"-1, 0, 10", "0, -1, 10", "0, 10, 10", "0, 10, 5"})
    void new_invalidBounds_isRejected(long chunk, long start, long end) {
        assertThatThrownBy(() -> new ChunkRange(chunk, start, end))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid chunk range: chunk=" + chunk + " [" + start + ", " + end
                        + ")");
    }
}
