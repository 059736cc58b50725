package io.ttg.producer.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ttg.ExitCodes;
import io.ttg.TtgException;
import java.io.IOException;
import java.net.URL;

/** Connects to the Kubernetes API and turns its errors into messages with TTG's exit codes. */
final class KubeClients {
    /** Retries of a failed request; fabric8's default of 10 keeps a user waiting for minutes. */
    private static final int REQUEST_RETRIES = 2;

    private KubeClients() {}

    /**
     * Returns a client for the current kubeconfig context (KUBECONFIG or ~/.kube/config), or for
     * the pod's service account when the program runs inside the cluster.
     */
    static KubernetesClient connect() {
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Returns the exception to end a command with when a Kubernetes API call failed. */
    static TtgException translate(KubernetesClientException error, URL master,
            String namespace) {
        int code = error.getCode();
        IOException io = firstCause(error, IOException.class);
        if (code <= 0 && io != null) {
            return new TtgException(ExitCodes.UNAVAILABLE, "the Kubernetes API at " + master
                    + " is unreachable (" + describe(io) + "); check the current context with"
                    + " 'kubectl config current-context', or set KUBECONFIG", error);
        }
        if (code == 401) {
            return new TtgException(ExitCodes.FAILURE, "the Kubernetes API at " + master
                    + " rejected the credentials of the current context (401); log in again",
                    error);
        }
        if (code == 403) {
            return new TtgException(ExitCodes.FAILURE, "the Kubernetes API denied a request"
                    + " (403): " + statusMessage(error) + ". The account needs to get, list,"
                    + " create, update, patch and delete jobs and configmaps, and to get and list"
                    + " pods and pods/log, in namespace " + namespace, error);
        }
        if (code == 404 && statusMessage(error).contains("namespaces \"" + namespace + "\"")) {
            return new TtgException(ExitCodes.FAILURE, "namespace " + namespace + " not found;"
                    + " create it with: kubectl create namespace " + namespace, error);
        }
        return new TtgException(ExitCodes.FAILURE, "Kubernetes API request failed"
                + (code > 0 ? " (" + code + ")" : "") + ": " + statusMessage(error), error);
    }

    private static <T extends Throwable> T firstCause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** Returns the most specific cause of an I/O failure, such as {@code ConnectException}. */
    private static String describe(IOException error) {
        Throwable specific = error;
        for (Throwable cause = error; cause instanceof IOException; cause = cause.getCause()) {
            if (cause.getClass() != IOException.class) {
                specific = cause;
                break;
            }
        }
        String message = specific.getMessage();
        return specific.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String statusMessage(KubernetesClientException error) {
        if (error.getStatus() != null && error.getStatus().getMessage() != null) {
            return error.getStatus().getMessage();
        }
        return error.getMessage();
    }
}
