package io.ttg.producer.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** {@code logs} against fabric8's mock API server, with the log endpoints as expectations. */
@EnableKubernetesMockClient(crud = true)
class LogsCommandTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private void putPod(String run, String name, String phase) {
        client.pods().inNamespace("ttg").resource(new PodBuilder()
                .withNewMetadata().withName(name).withLabels(WorkerJobs.labels(run, "worker"))
                .endMetadata()
                .withNewSpec().withNodeName("node-a").endSpec()
                .withNewStatus().withPhase(phase).endStatus()
                .build()).create();
    }

    private void expectLog(String pod, String query, String log) {
        server.expect().get().withPath("/api/v1/namespaces/ttg/pods/" + pod + "/log?" + query)
                .andReturn(200, log).always();
    }

    private Cli.Result logs(String... args) {
        return Cli.execute(new LogsCommand(server::createClient), args);
    }

    @Test
    void jobRun_printsEachPodUnderHeader() {
        Job job = WorkerJobs.job(new JobPlan("ttg", WatchCommandTest.spec("logs-run"), 2,
                Milestone.M1.resources(), WorkerJobs.IMAGE));
        client.batch().v1().jobs().inNamespace("ttg").resource(job).create();
        putPod("logs-run", "ttg-computation-b", "Running");
        putPod("logs-run", "ttg-computation-a", "Succeeded");
        putPod("other-run", "ttg-computation-z", "Running");
        expectLog("ttg-computation-a", "pretty=false&container=worker", "a1\na2\n");
        expectLog("ttg-computation-b", "pretty=false&container=worker", "b1");

        Cli.Result result = logs();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(""
                + "==> pod/ttg-computation-a (Succeeded on node-a) <==\n"
                + "a1\na2\n"
                + "==> pod/ttg-computation-b (Running on node-a) <==\n"
                + "b1\n");
    }

    @Test
    void tail_asksForLastLines() {
        putPod("logs-tail", "ttg-computation-a", "Running");
        expectLog("ttg-computation-a", "pretty=false&container=worker&tailLines=5", "last\n");

        Cli.Result result = logs("--run", "logs-tail", "--tail", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).endsWith("<==\nlast\n");
    }

    @Test
    void podWithoutLog_printsReason() {
        putPod("logs-pending", "ttg-computation-a", "Pending");
        putPod("logs-pending", "ttg-computation-b", "Running");
        server.expect().get().withPath("/api/v1/namespaces/ttg/pods/ttg-computation-a/log"
                + "?pretty=false&container=worker").andReturn(400, new StatusBuilder()
                        .withCode(400).withMessage("container \"worker\" in pod"
                                + " \"ttg-computation-a\" is waiting to start")
                        .build()).always();
        expectLog("ttg-computation-b", "pretty=false&container=worker", "b1\n");

        Cli.Result result = logs("--run", "logs-pending");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(""
                + "==> pod/ttg-computation-a (Pending on node-a) <==\n"
                + "(no log: container \"worker\" in pod \"ttg-computation-a\" is waiting to"
                + " start)\n"
                + "==> pod/ttg-computation-b (Running on node-a) <==\n"
                + "b1\n");
    }

    @Test
    void missingJobWithoutRun_exitsWith4() {
        Cli.Result result = logs();

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).contains("job.batch/ttg-computation not found in namespace"
                + " ttg; pass --run to read the pods of an earlier run");
    }
}
