package io.ttg.producer.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ttg.TtgException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The messages and exit codes of failed Kubernetes API calls. */
class KubeClientsTest {
    private static URL master() throws Exception {
        return new URL("https://127.0.0.1:6443/");
    }

    @Test
    void connectionFailure_isUnavailable() throws Exception {
        var error = new KubernetesClientException("Operation: [get] failed.",
                new IOException(new ConnectException("Connection refused")));

        TtgException translated = KubeClients.translate(error, master(), "ttg");

        assertThat(translated.exitCode()).isEqualTo(3);
        assertThat(translated.getMessage()).isEqualTo("the Kubernetes API at"
                + " https://127.0.0.1:6443/ is unreachable (ConnectException: Connection refused);"
                + " check the current context with 'kubectl config current-context', or set"
                + " KUBECONFIG");
    }

    @Test
    void forbidden_namesRequiredRights() throws Exception {
        var error = new KubernetesClientException("Failure", 403, new StatusBuilder()
                .withCode(403).withMessage("jobs.batch is forbidden").build());

        TtgException translated = KubeClients.translate(error, master(), "sweeps");

        assertThat(translated.exitCode()).isEqualTo(1);
        assertThat(translated.getMessage()).startsWith("the Kubernetes API denied a request"
                + " (403): jobs.batch is forbidden. The account needs");
        assertThat(translated.getMessage()).endsWith("in namespace sweeps");
    }

    @Test
    void missingNamespace_saysHowToCreateIt() throws Exception {
        var error = new KubernetesClientException("Failure", 404, new StatusBuilder()
                .withCode(404).withMessage("namespaces \"sweeps\" not found").build());

        TtgException translated = KubeClients.translate(error, master(), "sweeps");

        assertThat(translated.getMessage()).isEqualTo("namespace sweeps not found; create it"
                + " with: kubectl create namespace sweeps");
    }
}
