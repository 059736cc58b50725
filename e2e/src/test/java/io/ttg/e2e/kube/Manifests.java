package io.ttg.e2e.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The resources one kustomization renders, with look-ups by kind and name. */
record Manifests(String directory, List<HasMetadata> resources) {
    static final String WORKER_JOB = "ttg-computation";
    static final String PRODUCER_JOB = "ttg-producer";
    static final String CONFIG_MAP = "ttg-config";

    /** Returns the one resource of this type and name, or fails with the names that exist. */
    <T extends HasMetadata> T get(Class<T> type, String name) {
        List<T> matches = resources.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError(directory + " renders " + matches.size() + " "
                    + type.getSimpleName() + " named " + name + "; it renders: " + names());
        }
        return matches.get(0);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    Job workerJob() {
        return get(Job.class, WORKER_JOB);
    }

    Job producerJob() {
        return get(Job.class, PRODUCER_JOB);
    }

    /** Returns one of the run's variables from the ttg-config ConfigMap. */
    String config(String key) {
        String value = get(ConfigMap.class, CONFIG_MAP).getData().get(key);
        if (value == null) {
            throw new AssertionError(directory + ": ttg-config has no " + key);
        }
        return value;
    }

    /** Returns the pod templates of the Jobs and the StatefulSet. */
    List<PodTemplateSpec> podTemplates() {
        Stream<PodTemplateSpec> jobs = all(Job.class).stream()
                .map(job -> job.getSpec().getTemplate());
        Stream<PodTemplateSpec> sets = all(StatefulSet.class).stream()
                .map(set -> set.getSpec().getTemplate());
        return Stream.concat(jobs, sets).toList();
    }

    static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream()
                .filter(container -> container.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in "
                        + pod.getContainers().stream().map(Container::getName).toList()));
    }

    private String names() {
        return resources.stream()
                .map(resource -> resource.getKind() + "/" + resource.getMetadata().getName())
                .collect(Collectors.joining(", "));
    }
}
