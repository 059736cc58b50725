package io.ttg.producer.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the requests that clients of a mock server send, bodies included. The mock server's
 * CRUD dispatcher consumes request bodies, so the client side is where a patch can be read.
 */
final class SentRequests implements Interceptor {
    /** One request as the client sent it. */
    record Sent(String method, String path, String contentType, String body) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;

    SentRequests(KubernetesMockServer server) {
        this.server = server;
    }

    /** Returns a new client of the server whose requests this log records. */
    KubernetesClient newClient() {
        return server.createClient(builder -> builder.withHttpClientBuilderConsumer(
                http -> http.addOrReplaceInterceptor("sent-requests", this)));
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String contentType = request instanceof StandardHttpRequest standard
                ? standard.getContentType() : request.header("Content-Type");
        sent.add(new Sent(request.method(), request.uri().getPath(), contentType,
                request.bodyString()));
    }

    /** Returns the requests with {@code method}, in the order they were sent. */
    List<Sent> withMethod(String method) {
        return sent.stream().filter(request -> request.method().equals(method)).toList();
    }

    void clear() {
        sent.clear();
    }
}
