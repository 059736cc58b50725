package io.ttg.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "42.0, 42",
        "-3.0, -3",
        "0.5, 0.5",
        "-0.0, 0",
        "1.0E15, 1000000000000000",
        "9.007199254740991E15, 9007199254740991",
        "9.007199254740992E15, 9.007199254740992E15",
        "1.0E-7, 1.0E-7",
        "NaN, NaN",
        "Infinity, Infinity",
        "-Infinity, -Infinity"
    })
    void format_wholeNumbersWithoutDecimalPoint(double value, String expected) {
        assertThat(ResultFormat.format(value)).isEqualTo(expected);
    }
}
