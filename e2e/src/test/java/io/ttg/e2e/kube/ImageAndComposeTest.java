package io.ttg.e2e.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The files that build and run TTG outside the manifests: the Dockerfile, the Jib
 * configuration, docker-compose.yml and kind-config.yaml. They must agree with the Jobs on the
 * command, the user and the run's variables. None of these tests needs kubectl.
 */
class ImageAndComposeTest {
    private static final List<String> WORKER_COMMAND =
            List.of("java", "-cp", "/app/ttg-worker.jar", "io.ttg.worker.WorkerMain");
    private static final Pattern CMD = Pattern.compile("(?m)^CMD (\\[.*\\])$");
    private static final Pattern USER = Pattern.compile("(?m)^USER (\\d+):(\\d+)$");
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{(\\w+):-([^}]*)\\}");

    @Test
    void dockerfile_defaultCommandIsWorker() throws IOException {
        String dockerfile = Files.readString(Kustomize.ROOT.resolve("Dockerfile"));
        Matcher cmd = CMD.matcher(dockerfile);
        Matcher user = USER.matcher(dockerfile);

        assertThat(cmd.find()).as("a CMD line in exec form").isTrue();
        assertThat(Kustomize.parse(cmd.group(1), List.class)).isEqualTo(WORKER_COMMAND);
        assertThat(user.find()).as("a numeric USER line").isTrue();
        assertThat(user.group(1)).isEqualTo("10001");
        assertThat(dockerfile).contains("/app/").contains("ttg-producer.jar")
                .contains("ttg-worker.jar");
    }

    @Test
    void jibConfiguration_matchesDockerfile() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Kustomize.ROOT.resolve("worker/pom.xml").toFile());
        Element jib = plugin(pom, "jib-maven-plugin");

        assertThat(texts(jib, "arg")).isEqualTo(WORKER_COMMAND);
        assertThat(text(jib, "user")).isEqualTo("10001:10001");
        assertThat(text(jib, "entrypoint")).isEqualTo("INHERIT");
        assertThat(texts(jib, "image")).contains("ttg:0.1.0");
        assertThat(texts(jib, "includes")).containsExactlyInAnyOrder("ttg-worker.jar",
                "ttg-producer.jar");
        assertThat(jib.getElementsByTagName("executions").getLength())
                .as("lifecycle executions: the normal build must not build an image").isZero();
    }

    @Test
    void composeFile_usesClusterVariablesAndDefaults() throws IOException {
        Map<String, Object> compose = yaml("docker-compose.yml");
        Map<String, String> cluster = baseConfigMap();
        Map<String, Object> services = map(compose.get("services"));

        Map<String, String> defaults = new HashMap<>();
        for (Map.Entry<String, Object> entry : map(compose.get("x-ttg-config")).entrySet()) {
            Matcher matcher = DEFAULT.matcher(String.valueOf(entry.getValue()));
            if (matcher.matches() && matcher.group(1).equals(entry.getKey())) {
                defaults.put(entry.getKey(), matcher.group(2));
            }
        }
        assertThat(defaults).as("x-ttg-config ${NAME:-default} entries")
                .containsExactlyInAnyOrderEntriesOf(cluster);
        for (String service : List.of("producer", "worker")) {
            assertThat(map(map(services.get(service)).get("environment")).keySet())
                    .as(service).containsAll(cluster.keySet()).contains("REDIS_URL");
        }
        assertThat(map(services.get("worker"))).as("worker runs the image's command")
                .doesNotContainKey("command");
        assertThat(String.valueOf(map(services.get("producer")).get("command")))
                .endsWith("enqueue]");
        assertThat(String.valueOf(map(services.get("redis")).get("command")))
                .contains("--appendonly, yes").contains("--maxmemory-policy, noeviction");
    }

    @Test
    void composeFile_passesComposeValidation() {
        List<String> compose = composeCommand();
        assumeTrue(compose != null, "neither 'docker compose' nor 'docker-compose' is"
                + " installed, so docker-compose.yml was not validated; install Debian's"
                + " docker-compose package");
        Map<String, String> environment = new HashMap<>();
        baseConfigMap().keySet().forEach(name -> environment.put(name, null));
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", "docker-compose.yml", "config"));

        Kustomize.Output output = Kustomize.run(environment, command.toArray(String[]::new));

        assertThat(output.exitCode()).as(output.stderr()).isZero();
        Map<String, Object> resolved = Kustomize.parse(output.stdout(), Map.class);
        Map<String, Object> worker = map(map(resolved.get("services")).get("worker"));
        assertThat(map(worker.get("environment"))).containsAllEntriesOf(baseConfigMap());
    }

    @Test
    void kindConfig_hasControlPlaneAndThreeWorkers() throws IOException {
        Map<String, Object> kind = yaml("kind-config.yaml");
        List<?> nodes = (List<?>) kind.get("nodes");

        assertThat(kind.get("kind")).isEqualTo("Cluster");
        assertThat(nodes.stream().map(node -> map(node).get("role")).toList())
                .containsExactly("control-plane", "worker", "worker", "worker");
    }

    /** Reads the literals of ttg-config from k8s/base/kustomization.yaml. */
    private static Map<String, String> baseConfigMap() {
        try {
            Map<String, Object> kustomization = yaml("k8s/base/kustomization.yaml");
            Map<String, String> literals = new LinkedHashMap<>();
            for (Object generator : (List<?>) kustomization.get("configMapGenerator")) {
                for (Object literal : (List<?>) map(generator).get("literals")) {
                    String[] pair = literal.toString().split("=", 2);
                    literals.put(pair[0], pair[1]);
                }
            }
            return literals;
        } catch (IOException e) {
            throw new AssertionError("cannot read k8s/base/kustomization.yaml", e);
        }
    }

    /** Returns the command that runs Compose here, or null when none is installed. */
    private static List<String> composeCommand() {
        for (List<String> candidate : List.of(List.of("docker", "compose"),
                List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                if (Kustomize.run(version.toArray(String[]::new)).exitCode() == 0) {
                    return candidate;
                }
            } catch (AssertionError notInstalled) {
                // Try the next candidate.
            }
        }
        return null;
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return Kustomize.parse(Files.readString(Kustomize.ROOT.resolve(file)), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Element plugin(Document pom, String artifactId) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (text(plugin, "artifactId").equals(artifactId)) {
                return plugin;
            }
        }
        throw new AssertionError("worker/pom.xml declares no " + artifactId);
    }

    private static String text(Element parent, String tag) {
        return texts(parent, tag).get(0);
    }

    private static List<String> texts(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().strip());
        }
        assertThat(values).as("<" + tag + "> elements").isNotEmpty();
        return values;
    }
}
