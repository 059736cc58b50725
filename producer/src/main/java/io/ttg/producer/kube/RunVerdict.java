package io.ttg.producer.kube;

import io.ttg.ExitCodes;
import io.ttg.cli.Durations;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;

/**
 * Whether the end of the worker Job agrees with the state of its run in the queue. A worker
 * exits 0 only when no chunk is pending or leased, so a Complete Job with chunks left, or a
 * failed Job whose run is finished, points at a fault outside the queue protocol.
 *
 * @param matches whether the Job's end agrees with the queue
 * @param exitCode the exit code of {@code watch}: 0, 6 for failed chunks, else 1
 * @param message what happened and what to do next
 */
record RunVerdict(boolean matches, int exitCode, String message) {

    /**
     * Judges the Job's end against the run.
     *
     * @param job the Job; a running Job means that it had not ended in time after the run
     * @param runId the Job's run
     * @param run the run's status, or null when it is not on Redis
     */
    static RunVerdict judge(JobState job, String runId, RunStatus run) {
        String queue = run == null ? "run " + runId + " is not on Redis"
                : "run " + runId + " is " + run.state() + " with " + left(run);
        boolean runFinished = run != null && run.state().isFinished();
        switch (job.outcome()) {
            case COMPLETE -> {
                if (!runFinished) {
                    return mismatch("the Job is Complete but " + queue + ", and no worker will"
                            + " take them; start workers again with: ttg-producer deploy --run "
                            + runId + " --replace");
                }
                if (run.state() == RunState.COMPLETED_WITH_FAILURES) {
                    return new RunVerdict(true, ExitCodes.COMPLETED_WITH_FAILURES, "The Job is"
                            + " Complete and " + queue + ": this matches, because workers exit"
                            + " 0 once no chunk is pending or leased. Put the failed chunks back"
                            + " with: ttg-producer retry-failed --run " + runId + ", then deploy"
                            + " again");
                }
                return new RunVerdict(true, ExitCodes.OK, "The Job is Complete and " + queue
                        + ": this matches; all " + Durations.count(run.parametersDone())
                        + " parameters are done");
            }
            case FAILED -> {
                if (runFinished) {
                    return mismatch("the Job failed (" + job.reason() + ") but " + queue
                            + "; every chunk was recorded, so the pods failed after the work"
                            + " was done: read them with ttg-producer logs");
                }
                return new RunVerdict(true, ExitCodes.FAILURE, "The Job failed ("
                        + job.reason() + ") and " + queue + ": this matches. Read the workers'"
                        + " logs with: ttg-producer logs; fix the cause, then resume the run"
                        + " with: ttg-producer deploy --run " + runId + " --replace");
            }
            default -> {
                return mismatch(queue + " but the Job has not ended (" + job.counts()
                        + "); check its pods with: kubectl describe job "
                        + WorkerJobs.JOB_NAME);
            }
        }
    }

    private static RunVerdict mismatch(String message) {
        return new RunVerdict(false, ExitCodes.FAILURE, "MISMATCH: " + message);
    }

    private static String left(RunStatus run) {
        if (run.state().isFinished()) {
            return run.done() + " chunks done and " + run.failed() + " failed";
        }
        return run.pending() + " chunks pending and " + run.leased() + " leased";
    }
}
