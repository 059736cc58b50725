package io.ttg.producer.kube;

import io.ttg.UsageException;
import io.ttg.queue.RunSpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of one run's ConfigMap and worker Job, from which {@link WorkerJobs} builds
 * both.
 *
 * @param namespace the namespace of the ConfigMap and the Job
 * @param spec the run's spec, as enqueued on Redis
 * @param workers the Job's parallelism: worker pods running at once
 * @param resources each worker container's requests and limits
 * @param image the worker image
 */
public record JobPlan(String namespace, RunSpec spec, int workers, WorkerResources resources,
        String image) {
    /** A DNS-1123 label: what Kubernetes accepts as a namespace name. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A label value, which the run id becomes in {@code app.kubernetes.io/instance}. */
    private static final Pattern LABEL_VALUE =
            Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    /**
     * Checks the values that Kubernetes restricts further than TTG does.
     *
     * @throws UsageException naming the invalid value
     */
    public JobPlan {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(resources, "resources");
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new UsageException("--namespace must be 1 to 63 lower-case letters, digits or"
                    + " '-', starting and ending with a letter or digit, got '" + namespace + "'");
        }
        if (!LABEL_VALUE.matcher(spec.runId()).matches()) {
            throw new UsageException("--run '" + spec.runId() + "' cannot be a Kubernetes label"
                    + " value: use at most 63 characters that start and end with a letter or"
                    + " digit");
        }
        if (workers < 1) {
            throw new UsageException("--workers must be at least 1, got " + workers);
        }
        if (image == null || image.isBlank()) {
            throw new UsageException("--image must name the worker image, e.g. "
                    + WorkerJobs.IMAGE);
        }
    }
}
