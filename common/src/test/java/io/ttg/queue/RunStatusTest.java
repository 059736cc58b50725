package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunStatusTest {
    private static final RunSpec SPEC = new RunSpec("status-test", 10_000, 100, "primes",
            Map.of(), 3, 30_000, false, 0);

    private static RunStatus status(RunState state, long parametersDone, long startedAt,
            long finishedAt, long now) {
        return new RunStatus(SPEC, state, 100, 0, 0, 0, 0, parametersDone, 0, startedAt, 0,
                finishedAt, now, List.of());
    }

    @Test
    void throughputPerSecond_running_usesBrokerClock() {
        RunStatus status = status(RunState.RUNNING, 2_000, 1_000, 0, 5_000);

        assertThat(status.throughputPerSecond()).isEqualTo(500.0);
    }

    @Test
    void throughputPerSecond_finished_stopsAtFinishTime() {
        RunStatus status = status(RunState.COMPLETED, 10_000, 1_000, 3_000, 99_000);

        assertThat(status.throughputPerSecond()).isEqualTo(5_000.0);
    }

    @Test
    void throughputPerSecond_notStarted_isZero() {
        assertThat(status(RunState.QUEUED, 0, 0, 0, 5_000).throughputPerSecond()).isZero();
    }

    @Test
    void throughputPerSecond_nothingDone_isZero() {
        assertThat(status(RunState.RUNNING, 0, 1_000, 0, 5_000).throughputPerSecond()).isZero();
    }

    @Test
    void etaSeconds_running_roundsRemainingTimeUp() {
        RunStatus status = status(RunState.RUNNING, 3_000, 1_000, 0, 4_000);

        assertThat(status.etaSeconds()).isEqualTo(7);
    }

    @Test
    void etaSeconds_unknownRate_isMinusOne() {
        assertThat(status(RunState.RUNNING, 0, 1_000, 0, 5_000).etaSeconds()).isEqualTo(-1);
    }

    @Test
    void etaSeconds_finished_isZero() {
        RunStatus status = status(RunState.COMPLETED_WITH_FAILURES, 9_000, 1_000, 2_000, 3_000);

        assertThat(status.etaSeconds()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = RunState.class, names = {"COMPLETED", "COMPLETED_WITH_FAILURES"})
    void isFinished_endStates_isTrue(RunState state) {
        assertThat(state.isFinished()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = RunState.class, names = {"ENQUEUING", "QUEUED", "RUNNING"})
    void isFinished_activeStates_isFalse(RunState state) {
        assertThat(state.isFinished()).isFalse();
    }
}
