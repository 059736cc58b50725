package io.ttg.producer.kube;

import io.ttg.UsageException;

/** The sizes TTG is tested at on Kubernetes: workers, parameters and per-worker resources. */
public enum Milestone {
    M1(3, 10_000, new WorkerResources("100m", "500m", "128Mi", "256Mi")),
    M2(10, 100_000, new WorkerResources("200m", "1000m", "256Mi", "512Mi")),
    M3(10, 1_000_000, new WorkerResources("500m", "2000m", "512Mi", "2Gi")),
    M4(100, 10_000_000, new WorkerResources("1000m", "4000m", "1Gi", "4Gi"));

    private final int workers;
    private final long parameters;
    private final WorkerResources resources;

    Milestone(int workers, long parameters, WorkerResources resources) {
        this.workers = workers;
        this.parameters = parameters;
        this.resources = resources;
    }

    /**
     * Returns milestone {@code number}, 1 to 4.
     *
     * @throws UsageException for any other number
     */
    public static Milestone of(int number) {
        if (number < 1 || number > values().length) {
            throw new UsageException("--milestone must be 1, 2, 3 or 4, got " + number);
        }
        return values()[number - 1];
    }

    public int number() {
        return ordinal() + 1;
    }

    public int workers() {
        return workers;
    }

    public long parameters() {
        return parameters;
    }

    public WorkerResources resources() {
        return resources;
    }
}
