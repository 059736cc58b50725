package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    @Test
    void decode_encoded_returnsEqualCheckpoint() {
        Checkpoint checkpoint = new Checkpoint(1_234_567_890_123L, "{\"label\":\"größte\"}",
                new byte[] {0, 1, -1, 127});

        Checkpoint decoded = Checkpoint.decode(checkpoint.encode());

        assertThat(decoded).isEqualTo(checkpoint);
        assertThat(decoded.hashCode()).isEqualTo(checkpoint.hashCode());
    }

    @Test
    void decode_encodedWithoutResults_returnsEqualCheckpoint() {
        Checkpoint checkpoint = new Checkpoint(5, "{\"count\":2}", new byte[0]);

        assertThat(Checkpoint.decode(checkpoint.encode())).isEqualTo(checkpoint);
    }

    @Test
    void decode_encodedNone_returnsNone() {
        Checkpoint decoded = Checkpoint.decode(Checkpoint.NONE.encode());

        assertThat(decoded).isEqualTo(Checkpoint.NONE);
        assertThat(decoded.exists()).isFalse();
    }

    @Test
    void decode_emptyOrNull_returnsNone() {
        assertThat(Checkpoint.decode(new byte[0])).isEqualTo(Checkpoint.NONE);
        assertThat(Checkpoint.decode(null)).isEqualTo(Checkpoint.NONE);
    }

    @Test
    void decode_shorterThanHeader_isRejected() {
        assertThatThrownBy(() -> Checkpoint.decode(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint of 5 bytes is cut");
    }

    @Test
    void decode_aggregateLengthPastEnd_isRejected() {
        byte[] bytes = ByteBuffer.allocate(15).putLong(3).putInt(100).put(new byte[3]).array();

        assertThatThrownBy(() -> Checkpoint.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint aggregate length 100 exceeds the 3 bytes left");
    }

    @Test
    void decode_negativeAggregateLength_isRejected() {
        byte[] bytes = ByteBuffer.allocate(12).putLong(3).putInt(-1).array();

        assertThatThrownBy(() -> Checkpoint.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint aggregate length -1 exceeds the 0 bytes left");
    }

    @Test
    void exists_nonNegativeNextIndex_isTrue() {
        assertThat(new Checkpoint(0, "", new byte[0]).exists()).isTrue();
    }

    @Test
    void equals_otherResults_isFalse() {
        Checkpoint first = new Checkpoint(5, "{}", new byte[] {1});
        Checkpoint second = new Checkpoint(5, "{}", new byte[] {2});

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void equals_otherAggregate_isFalse() {
        Checkpoint first = new Checkpoint(5, "{\"count\":1}", new byte[0]);
        Checkpoint second = new Checkpoint(5, "{\"count\":2}", new byte[0]);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void toString_showsResultSizeNotBytes() {
        Checkpoint checkpoint = new Checkpoint(5, "{}", new byte[] {1, 2, 3});

        assertThat(checkpoint).hasToString("Checkpoint[nextIndex=5, results=3 bytes]");
    }
}
