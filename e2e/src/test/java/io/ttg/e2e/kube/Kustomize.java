package io.ttg.e2e.kube;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the kustomizations under {@code k8s/} with {@code kubectl kustomize}, the same
 * renderer as {@code kubectl apply -k}, and parses the output into fabric8 model objects.
 */
final class Kustomize {
    /** The repository root, from the ttg.home system property that the build sets. */
    static final Path ROOT = Paths.get(System.getProperty("ttg.home", "..")).toAbsolutePath()
            .normalize();

    /** The oldest kustomize major version that renders the manifests, in kubectl since 1.27. */
    private static final int MIN_KUSTOMIZE_MAJOR = 5;

    private static final Pattern KUSTOMIZE_VERSION =
            Pattern.compile("Kustomize Version: v(\\d+)\\.");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {}

    /**
     * Renders {@code k8s/DIRECTORY} and parses every document.
     *
     * <p>Skips the calling test when no kubectl with kustomize v5 is on the PATH.
     *
     * @param directory a kustomization below {@code k8s/}, e.g. {@code overlays/milestone-1}
     */
    static Manifests render(String directory) {
        assumeKubectl();
        return RENDERED.computeIfAbsent(directory, Kustomize::build);
    }

    /** Parses YAML text, one document or several, into fabric8 model objects or plain maps. */
    static <T> T parse(String yaml, Class<T> type) {
        return SERIALIZATION.unmarshal(yaml, type);
    }

    private static Manifests build(String directory) {
        Path path = ROOT.resolve("k8s").resolve(directory);
        Output output = run("kubectl", "kustomize", path.toString());
        if (output.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + path + " exited with "
                    + output.exitCode() + ": " + output.stderr());
        }
        List<HasMetadata> resources = SERIALIZATION.unmarshal(output.stdout());
        return new Manifests(directory, resources);
    }

    private static void assumeKubectl() {
        String problem = KubectlCheck.PROBLEM;
        assumeTrue(problem == null, problem);
    }

    /** The result of checking kubectl once, on first use. */
    private static final class KubectlCheck {
        static final String PROBLEM = checkKubectl();
    }

    /** Returns why kubectl cannot render the manifests, or null when it can. */
    private static String checkKubectl() {
        Output version;
        try {
            version = run("kubectl", "version", "--client");
        } catch (AssertionError e) {
            return "kubectl is not installed, so the manifests under k8s/ were not rendered;"
                    + " install kubectl 1.27 or later (" + e.getMessage() + ")";
        }
        Matcher matcher = KUSTOMIZE_VERSION.matcher(version.stdout());
        if (!matcher.find() || Integer.parseInt(matcher.group(1)) < MIN_KUSTOMIZE_MAJOR) {
            return "kubectl on the PATH embeds a kustomize older than v" + MIN_KUSTOMIZE_MAJOR
                    + ", which cannot render the manifests under k8s/; install kubectl 1.27 or"
                    + " later (found: " + version.stdout().strip().replace('\n', ' ') + ")";
        }
        return null;
    }

    /** Runs a command to its end and returns its output, failing if it cannot start or hangs. */
    static Output run(String... command) {
        return run(Map.of(), command);
    }

    /** Runs a command with extra environment variables, where a null value removes one. */
    static Output run(Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            Path stdout = Files.createTempFile("ttg-kube-", ".out");
            Path stderr = Files.createTempFile("ttg-kube-", ".err");
            Process process = builder.redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not exit within 60 s");
            }
            Output output = new Output(process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
            Files.delete(stdout);
            Files.delete(stderr);
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        }
    }

    /** A finished command's exit code and output. */
    record Output(int exitCode, String stdout, String stderr) {}
}
