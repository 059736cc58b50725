package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttg.ExitCodes;
import io.ttg.UsageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RunSpecTest {
    private static final long MAX_PARAMETERS = RunSpec.MAX_CHUNKS * RunSpec.MAX_CHUNK_SIZE;

    private static RunSpec spec(long parameters, int chunkSize) {
        return new RunSpec("spec-test", parameters, chunkSize, "primes", Map.of(), 3, 30_000,
                false, 0);
    }

    static Stream<Arguments> sizes() {
        List<Arguments> cases = new ArrayList<>();
        for (long parameters : new long[] {1, 2, 7, 100, 1_001, 99_991}) {
            for (long chunkSize : new long[] {1, 7, parameters, parameters + 1}) {
                cases.add(Arguments.of(parameters, (int) chunkSize));
            }
        }
        cases.add(Arguments.of(MAX_PARAMETERS, RunSpec.MAX_CHUNK_SIZE));
        cases.add(Arguments.of(MAX_PARAMETERS - 1, RunSpec.MAX_CHUNK_SIZE));
        cases.add(Arguments.of(999_999_999_999L, 999_983));
        return cases.stream();
    }

    @ParameterizedTest(name = "N={0} chunk={1}")
    @MethodSource("sizes")
    void range_everyChunk_tilesZeroToNWithOnlyLastShort(long parameters, int chunkSize) {
        RunSpec spec = spec(parameters, chunkSize);
        long chunks = spec.chunkCount();
        List<Long> gaps = new ArrayList<>();
        List<Long> shortChunks = new ArrayList<>();
        long expectedStart = 0;

        for (long chunk = 0; chunk < chunks; chunk++) {
            ChunkRange range = spec.range(chunk);
            if (range.chunk() != chunk || range.start() != expectedStart) {
                gaps.add(chunk);
            }
            if (range.size() != chunkSize) {
                shortChunks.add(chunk);
            }
            expectedStart = range.end();
        }

        assertThat(chunks).isEqualTo((parameters + chunkSize - 1) / chunkSize);
        assertThat(gaps).isEmpty();
        assertThat(expectedStart).isEqualTo(parameters);
        assertThat(shortChunks).isSubsetOf(chunks - 1);
        assertThat(spec.range(chunks - 1).size()).isBetween(1L, (long) chunkSize);
    }

    @Test
    void range_largestRun_lastChunkEndsAtN() {
        RunSpec spec = spec(MAX_PARAMETERS - 3, RunSpec.MAX_CHUNK_SIZE);

        ChunkRange last = spec.range(spec.chunkCount() - 1);

        assertThat(spec.chunkCount()).isEqualTo(RunSpec.MAX_CHUNKS);
        assertThat(last).isEqualTo(new ChunkRange(RunSpec.MAX_CHUNKS - 1,
                MAX_PARAMETERS - RunSpec.MAX_CHUNK_SIZE, MAX_PARAMETERS - 3));
    }

    @Test
    void range_outsideRun_isRejected() {
        RunSpec spec = spec(25, 10);

        assertThatThrownBy(() -> spec.range(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk 3 is outside 0..2");
        assertThatThrownBy(() -> spec.range(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk -1 is outside 0..2");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void new_parametersBelowOne_isRejected(long parameters) {
        assertThatThrownBy(() -> spec(parameters, 10))
                .isInstanceOf(UsageException.class)
                .hasMessage("--params must be at least 1, got " + parameters);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, RunSpec.MAX_CHUNK_SIZE + 1})
    void new_chunkSizeOutOfRange_isRejected(int chunkSize) {
        assertThatThrownBy(() -> spec(100, chunkSize))
                .isInstanceOf(UsageException.class)
                .hasMessage("--chunk-size must be between 1 and 10000000, got " + chunkSize);
    }

    @Test
    void new_tooManyChunks_suggestsChunkSize() {
        assertThatThrownBy(() -> spec(10_000_001, 1))
                .isInstanceOf(UsageException.class)
                .hasMessage("--params 10000001 in chunks of 1 makes 10000001 chunks, more than"
                        + " the maximum of 10000000; raise --chunk-size to at least 2");
    }

    @Test
    void new_maxChunksExactly_isAccepted() {
        assertThat(spec(10_000_000, 1).chunkCount()).isEqualTo(RunSpec.MAX_CHUNKS);
    }

    @Test
    void new_beyondLargestRun_suggestsSplitting() {
        assertThatThrownBy(() -> spec(1_000_000_000_000_000L, RunSpec.MAX_CHUNK_SIZE))
                .isInstanceOf(UsageException.class)
                .hasMessage("--params 1000000000000000 in chunks of 10000000 makes 100000000"
                        + " chunks, more than the maximum of 10000000; a run can have at most"
                        + " 100000000000000 parameters, so split the sweep into several runs");
    }

    @Test
    void new_maxAttemptsZero_isRejected() {
        assertThatThrownBy(() -> new RunSpec("spec-test", 10, 10, "primes", Map.of(), 0, 30_000,
                false, 0))
                .isInstanceOf(UsageException.class)
                .hasMessage("--max-attempts must be at least 1, got 0");
    }

    @Test
    void new_leaseTooShort_isRejectedInSeconds() {
        assertThatThrownBy(() -> new RunSpec("spec-test", 10, 10, "primes", Map.of(), 3, 99,
                false, 0))
                .isInstanceOf(UsageException.class)
                .hasMessage("--lease-seconds must be at least 0.1, got 0.099");
    }

    @Test
    void new_shortestLease_isAccepted() {
        RunSpec spec = new RunSpec("spec-test", 10, 10, "primes", Map.of(), 3,
                RunSpec.MIN_LEASE_MILLIS, false, 0);

        assertThat(spec.leaseMillis()).isEqualTo(100);
    }

    @Test
    void new_nullComputation_isRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> new RunSpec("spec-test", 10, 10, null, Map.of(), 3, 30_000,
                        false, 0))
                .withMessage("computation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "run:1", "{tag}", "ä", "run/1",
            "x12345678901234567890123456789012345678901234567890123456789012345"})
    void validateRunId_invalid_isRejectedWithAllowedForm(String runId) {
        assertThatThrownBy(() -> RunSpec.validateRunId(runId))
                .isInstanceOf(UsageException.class)
                .hasMessage("--run must be 1 to 64 letters, digits, '.', '-' or '_', got '"
                        + runId + "'");
    }

    @Test
    void validateRunId_null_isRejected() {
        assertThatThrownBy(() -> RunSpec.validateRunId(null))
                .isInstanceOf(UsageException.class)
                .hasMessage("--run must be 1 to 64 letters, digits, '.', '-' or '_', got 'null'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Sweep-2024_01.b",
            "x123456789012345678901234567890123456789012345678901234567890123"})
    void validateRunId_valid_isAccepted(String runId) {
        RunSpec.validateRunId(runId);

        assertThat(runId.length()).isBetween(1, 64);
    }

    @Test
    void new_badRunId_isRejected() {
        assertThatThrownBy(() -> new RunSpec("bad id", 10, 10, "primes", Map.of(), 3, 30_000,
                false, 0))
                .isInstanceOf(UsageException.class)
                .hasMessage("--run must be 1 to 64 letters, digits, '.', '-' or '_', got 'bad id'");
    }

    @Test
    void usageException_hasUsageExitCode() {
        UsageException error = new UsageException("bad");

        assertThat(error.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void new_optionsMap_isCopied() {
        Map<String, String> options = new HashMap<>(Map.of("work-ms", "5"));
        RunSpec spec = new RunSpec("spec-test", 10, 10, "simulate", options, 3, 30_000, false, 0);

        options.put("work-ms", "99");

        assertThat(spec.options()).containsExactly(Map.entry("work-ms", "5"));
        assertThatThrownBy(() -> spec.options().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sortedOptions_returnsOptionsByKey() {
        RunSpec spec = new RunSpec("spec-test", 10, 10, "simulate",
                Map.of("zeta", "1", "alpha", "2", "mid", "3"), 3, 30_000, false, 0);

        assertThat(spec.sortedOptions().keySet()).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void sameWorkAs_otherCreationTime_isTrue() {
        RunSpec spec = spec(100, 10);

        assertThat(spec.sameWorkAs(spec.withCreatedAt(123_456))).isTrue();
    }

    @Test
    void sameWorkAs_otherOptions_isFalse() {
        RunSpec plain = new RunSpec("spec-test", 10, 10, "simulate", Map.of(), 3, 30_000, false, 0);
        RunSpec slow = new RunSpec("spec-test", 10, 10, "simulate", Map.of("work-ms", "1"), 3,
                30_000, false, 0);

        assertThat(plain.sameWorkAs(slow)).isFalse();
    }

    @Test
    void withCreatedAt_changesOnlyCreationTime() {
        RunSpec spec = spec(100, 10);

        RunSpec later = spec.withCreatedAt(42);

        assertThat(later.createdAtMillis()).isEqualTo(42);
        assertThat(later).usingRecursiveComparison().ignoringFields("createdAtMillis")
                .isEqualTo(spec);
    }
}
