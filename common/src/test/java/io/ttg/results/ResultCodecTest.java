package io.ttg.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultCodecTest {

    private static double[] roundTrip(double[] values) {
        return ResultCodec.decode(ResultCodec.encode(values, values.length));
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void decode_emptyEncoded_returnsNoValues() {
        assertThat(roundTrip(new double[0])).isEmpty();
    }

    @Test
    void decode_oneValueEncoded_returnsIt() {
        assertThat(roundTrip(new double[] {42.5})).containsExactly(42.5);
    }

    @Test
    void decode_hundredThousandValuesEncoded_returnsSameBits() {
        Random random = new Random(7);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean() ? random.nextInt(1_000) : random.nextGaussian() * 1e9;
        }

        assertThat(bits(roundTrip(values))).isEqualTo(bits(values));
    }

    @Test
    void decode_specialValuesEncoded_keepsEveryBit() {
        double[] values = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -1.5};

        assertThat(bits(roundTrip(values))).isEqualTo(bits(values));
    }

    @Test
    void encode_countBelowLength_keepsOnlyFirstValues() {
        byte[] encoded = ResultCodec.encode(new double[] {1, 2, 3, 4}, 2);

        assertThat(ResultCodec.decode(encoded)).containsExactly(1.0, 2.0);
    }

    @Test
    void encode_zeroOneResults_compressesWell() {
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i += 7) {
            values[i] = 1;
        }

        byte[] encoded = ResultCodec.encode(values, values.length);

        assertThat(encoded.length).isLessThan(values.length * Double.BYTES / 10);
    }

    @Test
    void decode_shorterThanHeader_isRejected() {
        assertThatThrownBy(() -> ResultCodec.decode(new byte[] {0, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encoded results of 3 bytes are shorter than their 4-byte header");
    }

    @Test
    void decode_negativeCount_isRejected() {
        byte[] encoded = ByteBuffer.allocate(8).putInt(-1).putInt(0).array();

        assertThatThrownBy(() -> ResultCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encoded results claim -1 values");
    }

    @Test
    void decode_hugeCount_isRejectedWithoutAllocating() {
        byte[] valid = ResultCodec.encode(new double[] {1}, 1);
        byte[] encoded = valid.clone();
        ByteBuffer.wrap(encoded).putInt(Integer.MAX_VALUE);

        assertThatThrownBy(() -> ResultCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encoded results claim 2147483647 values, more than the 10000000"
                        + " of the largest chunk");
    }

    @Test
    void decode_countAboveValues_isRejected() {
        byte[] encoded = ResultCodec.encode(new double[] {1, 2}, 2);
        ByteBuffer.wrap(encoded).putInt(3);

        assertThatThrownBy(() -> ResultCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encoded results hold 16 bytes of values, expected 24");
    }

    @Test
    void decode_cutStream_isRejected() {
        double[] values = new double[1_000];
        Arrays.setAll(values, i -> i * 1.25);
        byte[] encoded = ResultCodec.encode(values, values.length);

        byte[] cut = Arrays.copyOf(encoded, encoded.length / 2);

        assertThatThrownBy(() -> ResultCodec.decode(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("encoded results hold ")
                .hasMessageEndingWith(" bytes of values, expected 8000");
    }

    @Test
    void decode_notDeflated_isRejected() {
        byte[] encoded = ByteBuffer.allocate(12).putInt(1).putLong(-1L).array();

        assertThatThrownBy(() -> ResultCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("encoded results are not deflated: ");
    }
}
