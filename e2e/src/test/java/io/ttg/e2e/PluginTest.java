package io.ttg.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.compute.Computation;
import io.ttg.testing.TestRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A computation of one's own, as a user ships it: compiled against ttg-common, packed in a jar
 * with its META-INF/services entry, and loaded by the launchers from the folder in TTG_PLUGINS.
 */
class PluginTest {
    private static final String SERVICE_FILE = "META-INF/services/" + Computation.class.getName();

    /**
     * Source of a computation of {@code scale * index^2}. Option {@code scale} (default 1) shows
     * that options reach configure() in every worker, and {@code fail-at} makes evaluate() throw.
     */
    private static final String SQUARES_SOURCE = """
            package plugintest;

            import io.ttg.compute.Aggregate;
            import io.ttg.compute.Computation;
            import io.ttg.compute.SumAggregate;
            import java.util.Map;

            public final class SquaresComputation implements Computation {
                private volatile long scale = 1;
                private volatile long failAt = -1;

                @Override
                public String name() {
                    return "squares";
                }

                @Override
                public String description() {
                    return "scale * index^2; aggregate: count and sum";
                }

                @Override
                public void configure(Map<String, String> options) {
                    scale = Long.parseLong(options.getOrDefault("scale", "1"));
                    failAt = Long.parseLong(options.getOrDefault("fail-at", "-1"));
                }

                @Override
                public double evaluate(long index) {
                    if (index == failAt) {
                        throw new IllegalStateException("squares fails at index " + index);
                    }
                    return (double) scale * index * index;
                }

                @Override
                public Aggregate newAggregate() {
                    return new SumAggregate();
                }
            }
            """;

    @TempDir
    static Path work;

    private static Path plugins;

    @BeforeAll
    static void buildPluginJar() throws IOException {
        Path sources = work.resolve("src");
        Path classes = work.resolve("classes");
        plugins = work.resolve("plugins");
        Files.createDirectories(sources.resolve("plugintest"));
        Files.createDirectories(classes);
        Files.createDirectories(plugins);
        Path source = sources.resolve("plugintest/SquaresComputation.java");
        Files.writeString(source, SQUARES_SOURCE, StandardCharsets.UTF_8);

        compile(source, classes);
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve(SERVICE_FILE), "plugintest.SquaresComputation\n",
                StandardCharsets.UTF_8);
        writeJar(classes, plugins.resolve("squares.jar"));
    }

    /** Compiles against the test's own class path, which contains ttg-common. */
    private static void compile(Path source, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK compiler; this JVM is a JRE: %s",
                System.getProperty("java.home")).isNotNull();
        String classPath = System.getProperty("java.class.path");
        assertThat(classPath).as("test class path").contains("ttg-common");

        int code = compiler.run(null, null, null, "--release", "17", "-classpath", classPath,
                "-d", classes.toString(), source.toString());

        assertThat(code).as("javac exit code; its errors are on standard error").isZero();
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Path file : files) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                jarOut.putNextEntry(new JarEntry(name));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
    }

    private static Map<String, String> withPlugins() {
        return Map.of("TTG_PLUGINS", plugins.toString());
    }

    private static String resultLine(String out) {
        return out.lines().filter(line -> line.startsWith("Result: ")).findFirst()
                .orElse("(no Result line in: " + out + ")");
    }

    @Test
    void run_pluginInTtgPlugins_printsExactAggregate() throws Exception {
        Programs.Result run = Programs.run("ttg-producer", withPlugins(), "run", "--params",
                "1000", "--chunk-size", "100", "--workers", "2", "--threads", "2",
                "--computation", "squares", "--option", "scale=3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("squares over 1,000 parameters in 10 chunks of 100");
        // 3 * (0^2 + ... + 999^2) = 3 * 999 * 1000 * 1999 / 6, exact in a double.
        assertThat(resultLine(run.out())).isEqualTo("Result: 1000 results, sum 998500500");
    }

    @Test
    void computations_pluginInTtgPlugins_isListed() throws Exception {
        Programs.Result list = Programs.run("ttg-producer", withPlugins(), "computations");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines()).contains(
                "squares      scale * index^2; aggregate: count and sum");
    }

    @Test
    void run_unknownComputation_listsAvailableNames() throws Exception {
        Programs.Result run = Programs.run("ttg-producer", withPlugins(), "run", "--params",
                "10", "--computation", "cubes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("ttg-producer: error: unknown computation"
                + " 'cubes'; available: collatz, primes, simulate, squares. A computation of"
                + " your own must be on the class path with a"
                + " META-INF/services/io.ttg.compute.Computation entry");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void run_evaluateThrows_chunkParkedAsFailed() throws Exception {
        Programs.Result run = Programs.run("ttg-producer", withPlugins(), "run", "--params",
                "300", "--chunk-size", "100", "--workers", "1", "--max-attempts", "2",
                "--computation", "squares", "--option", "fail-at=150");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
        assertThat(run.out()).contains("COMPLETED_WITH_FAILURES");
        assertThat(run.out()).contains("2 done, 0 leased, 0 pending, 1 failed");
        assertThat(run.out()).containsPattern("failed +chunk 1 \\[100, 200\\) after 2 attempts:"
                + " index \\d+: java.lang.IllegalStateException: squares fails at index 150");
        // Chunks 0 and 2: 0^2 + ... + 99^2 plus 200^2 + ... + 299^2.
        assertThat(resultLine(run.out())).isEqualTo("Result: 200 results, sum 6636700");
    }

    @Test
    void worker_pluginInTtgPlugins_completesRedisRun() throws Exception {
        try (TestRedis redis = TestRedis.local()) {
            Map<String, String> producerEnv = Map.of("REDIS_URL", redis.url(), "TTG_PLUGINS",
                    plugins.toString());
            String run = "e2e-plugin";

            Programs.Result enqueue = Programs.run("ttg-producer", producerEnv, "enqueue",
                    "--run", run, "--params", "1000", "--chunk-size", "250", "--computation",
                    "squares", "--option", "scale=2");
            Programs.Result worker = Programs.run("ttg-worker", producerEnv, "--run", run,
                    "--threads", "2");
            Programs.Result status = Programs.run("ttg-producer", producerEnv, "status",
                    "--run", run);

            assertThat(enqueue.exitCode()).as(enqueue.err()).isZero();
            assertThat(worker.exitCode()).as(worker.err()).isZero();
            assertThat(worker.out()).contains("run e2e-plugin COMPLETED, aggregate: 1000"
                    + " results, sum 665667000");
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("1000 results, sum 665667000");
        }
    }
}
