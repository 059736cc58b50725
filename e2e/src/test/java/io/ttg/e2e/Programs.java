package io.ttg.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the built launchers {@code bin/ttg-producer} and {@code bin/ttg-worker} as processes. */
public final class Programs {
    /** The repository root, from the ttg.home system property that the build sets. */
    public static final Path HOME = Paths.get(System.getProperty("ttg.home", "..")).toAbsolutePath()
            .normalize();

    private Programs() {}

    /** A started program whose output goes to files. */
    public static final class Running {
        public final Process process;
        public final Path stdout;
        public final Path stderr;

        Running(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Waits for the exit and returns the code; kills the process after the timeout. */
        public int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("process " + process.pid() + " did not exit within "
                        + timeout + "; stderr: " + read(stderr));
            }
            return process.exitValue();
        }

        public String out() {
            return read(stdout);
        }

        public String err() {
            return read(stderr);
        }

        public void stop() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** A finished program's exit code and output. */
    public record Result(int exitCode, String out, String err) {}

    public static Running start(String program, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile());
        builder.environment().remove("REDIS_URL");
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("ttg-" + program + "-", ".out");
        Path stderr = Files.createTempFile("ttg-" + program + "-", ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        return new Running(builder.start(), stdout, stderr);
    }

    public static Result run(String program, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Running running = start(program, environment, args);
        int code = running.await(Duration.ofSeconds(120));
        return new Result(code, running.out(), running.err());
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
