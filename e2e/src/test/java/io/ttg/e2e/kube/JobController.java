package io.ttg.e2e.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.ttg.e2e.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A model of the Kubernetes Job controller for a Job whose {@code completions} is unset, with
 * local {@code bin/ttg-worker} processes as its pods. It reads parallelism, backoffLimit,
 * podFailurePolicy and the grace period from the Job that {@code ttg-producer deploy} creates,
 * and applies the controller's rules for such a Job:
 *
 * <ul>
 *   <li>at most {@code parallelism} pods run; a terminating pod keeps its slot until it exits,
 *       as Kubernetes does when a Job has a podFailurePolicy;
 *   <li>once one pod has exited 0, no new pod starts, and the Job is Complete when every pod
 *       has exited;
 *   <li>a pod that exits non-zero counts against backoffLimit unless the first matching
 *       podFailurePolicy rule has the action Ignore. A FailJob rule, or more counted failures
 *       than backoffLimit, fails the Job and stops its pods;
 *   <li>lowering parallelism sends SIGTERM to the newest pods, and deleting a pod sends SIGTERM;
 *       either is followed by SIGKILL when the grace period runs out, at once for a grace
 *       period of 0.
 * </ul>
 *
 * <p>NOTE: a model, not the controller. It has no scheduler, node or kubelet, replaces a failed
 * pod after a short back-off instead of Kubernetes' 10 s doubling, and cannot tell an OOM kill
 * from other signals.
 */
final class JobController implements AutoCloseable {
    /** The stage of the Job: running, or ended in one of two ways. */
    enum Outcome { RUNNING, COMPLETE, FAILED }

    /** The phase of a local pod. */
    enum Phase { RUNNING, TERMINATING, SUCCEEDED, FAILED }

    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration BACKOFF_FIRST = Duration.ofMillis(200);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(1);

    /** One pod: a worker process and the controller's record of it. */
    static final class LocalPod {
        final String name;
        final Programs.Running process;
        volatile Phase phase = Phase.RUNNING;
        volatile boolean disrupted;
        volatile long terminatingSinceNanos;
        volatile Integer exitCode;
        volatile String policyAction;

        LocalPod(String name, Programs.Running process) {
            this.name = name;
            this.process = process;
        }

        boolean alive() {
            return phase == Phase.RUNNING || phase == Phase.TERMINATING;
        }

        String stderr() {
            return process.err();
        }
    }

    private final String jobName;
    private final String containerName;
    private final int backoffLimit;
    private final List<PodFailurePolicyRule> rules;
    private final Duration gracePeriod;
    private final Map<String, String> podEnvironment;
    private final List<LocalPod> pods = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    private int parallelism;
    private int countedFailures;
    private int ignoredFailures;
    private int maxActive;
    private long nextStartNanos;
    private Outcome outcome = Outcome.RUNNING;
    private String reason = "";

    /**
     * Creates a controller for {@code job}; its pods get the ConfigMap's entries, the container's
     * literal variables and then {@code localEnvironment}, which replaces what a pod on a cluster
     * would get from Secrets or its own network, such as REDIS_URL.
     *
     * @param gracePeriod the time between SIGTERM and SIGKILL; null keeps the Job's
     */
    JobController(Job job, Map<String, String> configMapData, Map<String, String> localEnvironment,
            Duration gracePeriod) {
        var spec = job.getSpec();
        var podSpec = spec.getTemplate().getSpec();
        if (!"Never".equals(podSpec.getRestartPolicy())) {
            throw new IllegalArgumentException("a Job with a podFailurePolicy needs restartPolicy"
                    + " Never, got " + podSpec.getRestartPolicy());
        }
        if (spec.getCompletions() != null) {
            throw new IllegalArgumentException("this model covers Jobs without completions, got "
                    + spec.getCompletions());
        }
        this.jobName = job.getMetadata().getName();
        this.containerName = podSpec.getContainers().get(0).getName();
        this.parallelism = spec.getParallelism();
        this.backoffLimit = spec.getBackoffLimit();
        this.rules = spec.getPodFailurePolicy().getRules();
        this.gracePeriod = gracePeriod != null ? gracePeriod
                : Duration.ofSeconds(podSpec.getTerminationGracePeriodSeconds());
        this.podEnvironment = podEnvironment(podSpec.getContainers().get(0), configMapData,
                localEnvironment);
    }

    private static Map<String, String> podEnvironment(Container container,
            Map<String, String> configMapData, Map<String, String> localEnvironment) {
        Map<String, String> environment = new LinkedHashMap<>(configMapData);
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null && !variable.getValue().contains("$(")) {
                environment.put(variable.getName(), variable.getValue());
            }
        }
        environment.putAll(localEnvironment);
        return environment;
    }

    /** Starts reconciling: pods start at once, and the Job's state follows their exits. */
    JobController start() {
        loop.scheduleWithFixedDelay(this::reconcileSafely, 0, TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Sets spec.parallelism, as {@code ttg-producer scale} does. */
    synchronized void scale(int newParallelism) {
        event("parallelism " + parallelism + " -> " + newParallelism);
        parallelism = newParallelism;
    }

    /** Deletes a pod as {@code kubectl delete pod} does: SIGTERM, then SIGKILL after grace. */
    synchronized void deletePod(LocalPod pod) {
        event("delete " + pod.name);
        terminate(pod);
    }

    /** Evicts a pod: like a deletion, with the DisruptionTarget condition set. */
    synchronized void evictPod(LocalPod pod) {
        pod.disrupted = true;
        event("evict " + pod.name);
        terminate(pod);
    }

    /**
     * Waits until the Job has ended and its pods have exited.
     *
     * @throws AssertionError if that takes longer than {@code timeout}
     */
    Outcome awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (this) {
                if (outcome != Outcome.RUNNING && pods.stream().noneMatch(LocalPod::alive)) {
                    return outcome;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Job " + jobName + " did not end within " + timeout
                        + "; " + describe());
            }
            Thread.sleep(TICK.toMillis());
        }
    }

    synchronized List<LocalPod> pods() {
        return List.copyOf(pods);
    }

    /** Returns the pods that run and are not being stopped. */
    synchronized List<LocalPod> activePods() {
        return pods.stream().filter(pod -> pod.phase == Phase.RUNNING).toList();
    }

    synchronized int countedFailures() {
        return countedFailures;
    }

    synchronized int ignoredFailures() {
        return ignoredFailures;
    }

    /** Returns the most pods that ran at once without being stopped. */
    synchronized int maxActive() {
        return maxActive;
    }

    synchronized String reason() {
        return reason;
    }

    /** Returns the Job's counts and its event log, for assertion messages. */
    synchronized String describe() {
        return "outcome " + outcome + " (" + reason + "), parallelism " + parallelism
                + ", counted failures " + countedFailures + ", ignored " + ignoredFailures
                + ", events " + events;
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            synchronized (this) {
                event("reconcile failed: " + e);
            }
        }
    }

    private synchronized void reconcile() {
        collectExits();
        enforceGracePeriods();
        if (outcome == Outcome.FAILED) {
            pods.stream().filter(pod -> pod.phase == Phase.RUNNING).forEach(this::terminate);
            return;
        }
        boolean anySucceeded = pods.stream().anyMatch(pod -> pod.phase == Phase.SUCCEEDED);
        if (anySucceeded) {
            if (pods.stream().noneMatch(LocalPod::alive) && outcome == Outcome.RUNNING) {
                outcome = Outcome.COMPLETE;
                reason = "a pod succeeded and every pod has exited";
                event("Complete");
            }
            return;
        }
        removeExcessPods();
        startMissingPods();
        maxActive = Math.max(maxActive, activePods().size());
    }

    private void collectExits() {
        for (LocalPod pod : pods) {
            if (!pod.alive() || pod.process.process.isAlive()) {
                continue;
            }
            int code = pod.process.process.exitValue();
            pod.exitCode = code;
            if (code == 0) {
                pod.phase = Phase.SUCCEEDED;
                event(pod.name + " exited 0");
                continue;
            }
            pod.phase = Phase.FAILED;
            if (outcome == Outcome.FAILED) {
                event(pod.name + " exited " + code + " after the Job failed");
                continue;
            }
            pod.policyAction = action(pod, code);
            event(pod.name + " exited " + code + ": " + pod.policyAction);
            applyAction(pod, code);
        }
    }

    private void applyAction(LocalPod pod, int code) {
        switch (pod.policyAction) {
            case "FailJob" -> fail("PodFailurePolicy: container " + containerName + " of "
                    + pod.name + " exited with " + code);
            case "Ignore" -> ignoredFailures++;
            default -> {
                countedFailures++;
                long delay = Math.min(BACKOFF_MAX.toNanos(),
                        BACKOFF_FIRST.toNanos() << Math.min(10, countedFailures - 1));
                nextStartNanos = System.nanoTime() + delay;
                if (countedFailures > backoffLimit) {
                    fail("BackoffLimitExceeded: " + countedFailures + " failed pods, backoffLimit "
                            + backoffLimit);
                }
            }
        }
    }

    /** Returns the action of the first podFailurePolicy rule that matches, else Count. */
    private String action(LocalPod pod, int exitCode) {
        for (PodFailurePolicyRule rule : rules) {
            PodFailurePolicyOnExitCodesRequirement onExit = rule.getOnExitCodes();
            if (onExit != null && matches(onExit, exitCode)) {
                return rule.getAction();
            }
            for (PodFailurePolicyOnPodConditionsPattern pattern : rule.getOnPodConditions()) {
                if ("DisruptionTarget".equals(pattern.getType())
                        && "True".equals(pattern.getStatus()) && pod.disrupted) {
                    return rule.getAction();
                }
            }
        }
        return "Count";
    }

    private boolean matches(PodFailurePolicyOnExitCodesRequirement requirement, int exitCode) {
        if (requirement.getContainerName() != null
                && !requirement.getContainerName().equals(containerName)) {
            return false;
        }
        boolean listed = requirement.getValues().contains(exitCode);
        return switch (requirement.getOperator()) {
            case "In" -> listed;
            case "NotIn" -> !listed;
            default -> throw new IllegalArgumentException("unknown operator "
                    + requirement.getOperator());
        };
    }

    private void fail(String cause) {
        outcome = Outcome.FAILED;
        reason = cause;
        event("Failed: " + cause);
    }

    private void enforceGracePeriods() {
        long now = System.nanoTime();
        for (LocalPod pod : pods) {
            if (pod.phase == Phase.TERMINATING && pod.process.process.isAlive()
                    && now - pod.terminatingSinceNanos >= gracePeriod.toNanos()) {
                event("SIGKILL " + pod.name + " after the grace period");
                pod.process.process.destroyForcibly();
            }
        }
    }

    private void removeExcessPods() {
        List<LocalPod> active = activePods();
        for (int i = active.size() - 1; i >= parallelism; i--) {
            event("SIGTERM " + active.get(i).name + " for parallelism " + parallelism);
            terminate(active.get(i));
        }
    }

    private void startMissingPods() {
        long occupied = pods.stream().filter(LocalPod::alive).count();
        while (occupied < parallelism && System.nanoTime() >= nextStartNanos) {
            String name = jobName + "-" + (pods.size() + 1);
            Map<String, String> environment = new LinkedHashMap<>(podEnvironment);
            environment.put("HOSTNAME", name);
            environment.put("WORKER_ID", name);
            try {
                pods.add(new LocalPod(name, Programs.start("ttg-worker", environment)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start pod " + name, e);
            }
            event("start " + name);
            occupied++;
        }
    }

    private void terminate(LocalPod pod) {
        if (pod.phase != Phase.RUNNING) {
            return;
        }
        pod.phase = Phase.TERMINATING;
        pod.terminatingSinceNanos = System.nanoTime();
        if (gracePeriod.isZero()) {
            pod.process.process.destroyForcibly();
        } else {
            pod.process.process.destroy();
        }
    }

    private void event(String text) {
        events.add(text);
    }

    /** Stops reconciling and kills every pod that still runs. */
    @Override
    public void close() {
        loop.shutdownNow();
        synchronized (this) {
            for (LocalPod pod : pods) {
                pod.process.stop();
            }
        }
    }
}
