package io.ttg.producer.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.queue.FailedChunk;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every pairing of a Job's end with its run's state. */
class RunVerdictTest {
    private static final JobState COMPLETE = new JobState("r", 3, 0, 3, 0,
            JobState.Outcome.COMPLETE, "CompletionsReached");
    private static final JobState FAILED = new JobState("r", 3, 0, 0, 7,
            JobState.Outcome.FAILED, "BackoffLimitExceeded");
    private static final JobState RUNNING = new JobState("r", 3, 0, 0, 0,
            JobState.Outcome.RUNNING, null);

    private static RunStatus run(RunState state, long pending, long leased, long done,
            long failed) {
        return new RunStatus(WatchCommandTest.spec("r"), state, 2, pending, leased, done, failed,
                done * 10, 0, 1, 2, 3, 4, List.<FailedChunk>of());
    }

    @Test
    void complete_completed_matchesWith0() {
        RunVerdict verdict = RunVerdict.judge(COMPLETE, "r", run(RunState.COMPLETED, 0, 0, 2, 0));

        assertThat(verdict.matches()).isTrue();
        assertThat(verdict.exitCode()).isZero();
    }

    @Test
    void complete_completedWithFailures_matchesWith6() {
        RunVerdict verdict = RunVerdict.judge(COMPLETE, "r",
                run(RunState.COMPLETED_WITH_FAILURES, 0, 0, 1, 1));

        assertThat(verdict.matches()).isTrue();
        assertThat(verdict.exitCode()).isEqualTo(6);
        assertThat(verdict.message()).contains("ttg-producer retry-failed --run r");
    }

    @Test
    void complete_running_isMismatch() {
        RunVerdict verdict = RunVerdict.judge(COMPLETE, "r", run(RunState.RUNNING, 1, 0, 1, 0));

        assertThat(verdict.matches()).isFalse();
        assertThat(verdict.exitCode()).isEqualTo(1);
        assertThat(verdict.message()).startsWith("MISMATCH: the Job is Complete but run r is"
                + " RUNNING with 1 chunks pending and 0 leased");
    }

    @Test
    void complete_runMissing_isMismatch() {
        RunVerdict verdict = RunVerdict.judge(COMPLETE, "r", null);

        assertThat(verdict.matches()).isFalse();
        assertThat(verdict.message()).startsWith("MISMATCH: the Job is Complete but run r is not"
                + " on Redis");
    }

    @Test
    void failed_running_matchesWith1() {
        RunVerdict verdict = RunVerdict.judge(FAILED, "r", run(RunState.RUNNING, 1, 0, 1, 0));

        assertThat(verdict.matches()).isTrue();
        assertThat(verdict.exitCode()).isEqualTo(1);
        assertThat(verdict.message()).contains("ttg-producer deploy --run r --replace");
    }

    @Test
    void failed_completed_isMismatch() {
        RunVerdict verdict = RunVerdict.judge(FAILED, "r", run(RunState.COMPLETED, 0, 0, 2, 0));

        assertThat(verdict.matches()).isFalse();
        assertThat(verdict.message()).startsWith("MISMATCH: the Job failed (BackoffLimitExceeded)"
                + " but run r is COMPLETED");
    }

    @Test
    void running_completed_isMismatch() {
        RunVerdict verdict = RunVerdict.judge(RUNNING, "r", run(RunState.COMPLETED, 0, 0, 2, 0));

        assertThat(verdict.matches()).isFalse();
        assertThat(verdict.message()).contains("but the Job has not ended");
    }
}
