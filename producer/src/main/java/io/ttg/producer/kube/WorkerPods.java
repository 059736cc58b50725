package io.ttg.producer.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds a run's worker pods and describes them by phase and node. */
final class WorkerPods {
    private static final List<String> PHASES =
            List.of("Pending", "Running", "Succeeded", "Failed", "Unknown");

    private WorkerPods() {}

    /** Returns the worker pods of {@code runId}, sorted by name. */
    static List<Pod> list(KubernetesClient client, String namespace, String runId) {
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace)
                .withLabel(WorkerJobs.LABEL_COMPONENT, WorkerJobs.COMPONENT_WORKER)
                .withLabel(WorkerJobs.LABEL_INSTANCE, runId)
                .list().getItems());
        pods.sort(Comparator.comparing(pod -> pod.getMetadata().getName()));
        return pods;
    }

    /** Returns how many pods are pending or running and not being deleted. */
    static long alive(List<Pod> pods) {
        return pods.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> "Pending".equals(phase(pod)) || "Running".equals(phase(pod)))
                .count();
    }

    /**
     * Returns the pods by phase and node, such as {@code Running 3 (node-a: 2, node-b: 1),
     * Succeeded 1 (node-a: 1)}, or {@code none} without pods.
     */
    static String describe(List<Pod> pods) {
        Map<String, Map<String, Integer>> byPhase = new TreeMap<>(
                Comparator.comparingInt(WorkerPods::phaseOrder).thenComparing(phase -> phase));
        for (Pod pod : pods) {
            String node = pod.getSpec() == null || pod.getSpec().getNodeName() == null
                    ? "no node" : pod.getSpec().getNodeName();
            byPhase.computeIfAbsent(phase(pod), phase -> new TreeMap<>())
                    .merge(node, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        byPhase.forEach((phase, nodes) -> {
            int total = nodes.values().stream().mapToInt(Integer::intValue).sum();
            List<String> perNode = new ArrayList<>();
            nodes.forEach((node, count) -> perNode.add(node + ": " + count));
            parts.add(phase + " " + total + " (" + String.join(", ", perNode) + ")");
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static String phase(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return phase == null ? "Pending" : phase;
    }

    private static int phaseOrder(String phase) {
        int index = PHASES.indexOf(phase);
        return index < 0 ? PHASES.size() : index;
    }
}
