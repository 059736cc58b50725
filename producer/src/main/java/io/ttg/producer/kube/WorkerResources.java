package io.ttg.producer.kube;

import io.fabric8.kubernetes.api.model.Quantity;
import io.ttg.UsageException;
import java.math.BigDecimal;

/**
 * CPU and memory requests and limits of one worker container, as Kubernetes quantities such as
 * {@code 500m} or {@code 2Gi}.
 *
 * @param cpuRequest CPU the scheduler reserves for the container
 * @param cpuLimit CPU above which the container is throttled
 * @param memoryRequest memory the scheduler reserves for the container
 * @param memoryLimit memory above which the container is killed
 */
public record WorkerResources(String cpuRequest, String cpuLimit, String memoryRequest,
        String memoryLimit) {

    /**
     * Checks that every value is a quantity and that no request exceeds its limit.
     *
     * @throws UsageException naming the flag and value that are invalid
     */
    public WorkerResources {
        BigDecimal cpuLow = parse("--cpu-request", cpuRequest);
        BigDecimal cpuHigh = parse("--cpu-limit", cpuLimit);
        BigDecimal memoryLow = parse("--memory-request", memoryRequest);
        BigDecimal memoryHigh = parse("--memory-limit", memoryLimit);
        requireAtMost("--cpu-request", cpuRequest, cpuLow, "--cpu-limit", cpuLimit, cpuHigh);
        requireAtMost("--memory-request", memoryRequest, memoryLow, "--memory-limit",
                memoryLimit, memoryHigh);
    }

    /** Returns these resources with each non-null argument in place of the current value. */
    WorkerResources override(String newCpuRequest, String newCpuLimit, String newMemoryRequest,
            String newMemoryLimit) {
        return new WorkerResources(
                newCpuRequest != null ? newCpuRequest : cpuRequest,
                newCpuLimit != null ? newCpuLimit : cpuLimit,
                newMemoryRequest != null ? newMemoryRequest : memoryRequest,
                newMemoryLimit != null ? newMemoryLimit : memoryLimit);
    }

    private static BigDecimal parse(String flag, String value) {
        try {
            BigDecimal amount = Quantity.getAmountInBytes(new Quantity(value));
            if (amount.signum() > 0) {
                return amount;
            }
        } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
            // Reported below with the expected form.
        }
        throw new UsageException(flag + " must be a positive Kubernetes quantity such as 500m,"
                + " 2, 512Mi or 4Gi, got '" + value + "'");
    }

    private static void requireAtMost(String lowFlag, String lowText, BigDecimal low,
            String highFlag, String highText, BigDecimal high) {
        if (low.compareTo(high) > 0) {
            throw new UsageException(lowFlag + " " + lowText + " exceeds " + highFlag + " "
                    + highText + "; Kubernetes rejects a request above its limit");
        }
    }
}
