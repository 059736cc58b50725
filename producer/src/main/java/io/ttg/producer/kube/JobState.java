package io.ttg.producer.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ttg.ExitCodes;
import io.ttg.TtgException;

/**
 * A snapshot of the worker Job, read from its spec and status.
 *
 * @param runId the run in the Job's {@code app.kubernetes.io/instance} label, or null
 * @param parallelism worker pods the Job runs at once
 * @param active pods pending or running
 * @param succeeded pods that exited 0
 * @param failed pods that failed, counted against the backoffLimit or not
 * @param outcome whether the Job has ended, and how
 * @param reason the reason and message of the Job's terminal condition, or null
 */
record JobState(String runId, int parallelism, int active, int succeeded, int failed,
        Outcome outcome, String reason) {

    /** The stage of a Job: running, or ended in one of two ways. */
    enum Outcome { RUNNING, COMPLETE, FAILED }

    /**
     * Returns the worker Job in {@code namespace}.
     *
     * @throws TtgException with exit code 4 if there is none; the message ends with {@code hint}
     */
    static Job require(KubernetesClient client, String namespace, String hint) {
        Job job = client.batch().v1().jobs().inNamespace(namespace)
                .withName(WorkerJobs.JOB_NAME).get();
        if (job == null) {
            throw new TtgException(ExitCodes.RUN_NOT_FOUND, "job.batch/" + WorkerJobs.JOB_NAME
                    + " not found in namespace " + namespace + "; " + hint);
        }
        return job;
    }

    static JobState of(Job job) {
        String runId = job.getMetadata().getLabels() == null ? null
                : job.getMetadata().getLabels().get(WorkerJobs.LABEL_INSTANCE);
        int parallelism = job.getSpec() == null || job.getSpec().getParallelism() == null ? 1
                : job.getSpec().getParallelism();
        JobStatus status = job.getStatus();
        if (status == null) {
            return new JobState(runId, parallelism, 0, 0, 0, Outcome.RUNNING, null);
        }
        Outcome outcome = Outcome.RUNNING;
        String reason = null;
        for (JobCondition condition : status.getConditions()) {
            if (!"True".equals(condition.getStatus())) {
                continue;
            }
            if ("Complete".equals(condition.getType())) {
                outcome = Outcome.COMPLETE;
                reason = describe(condition);
            } else if ("Failed".equals(condition.getType())) {
                outcome = Outcome.FAILED;
                reason = describe(condition);
            }
        }
        return new JobState(runId, parallelism, count(status.getActive()),
                count(status.getSucceeded()), count(status.getFailed()), outcome, reason);
    }

    boolean finished() {
        return outcome != Outcome.RUNNING;
    }

    /** Returns e.g. {@code parallelism 3, active 2, succeeded 1, failed 0}. */
    String counts() {
        return "parallelism " + parallelism + ", active " + active + ", succeeded " + succeeded
                + ", failed " + failed;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static String describe(JobCondition condition) {
        String reason = condition.getReason() == null ? "" : condition.getReason();
        String message = condition.getMessage() == null ? "" : condition.getMessage();
        if (reason.isEmpty() || message.isEmpty()) {
            return reason + message;
        }
        return reason + ": " + message;
    }
}
