package io.ttg.producer.kube;

import picocli.CommandLine.Option;

/** The options that every Kubernetes command shares. */
final class ClusterOptions {
    @Option(names = "--namespace", paramLabel = "NS",
            description = "Namespace of the ConfigMap " + WorkerJobs.CONFIG_MAP + " and the Job "
                    + WorkerJobs.JOB_NAME + ". Default: " + WorkerJobs.NAMESPACE + ".")
    String namespace = WorkerJobs.NAMESPACE;
}
