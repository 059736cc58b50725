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
final class Programs {
    /** The repository root, from the ttg.home system property that the build sets. */
    static final Path HOME = Paths.get(System.getProperty("ttg.home", "..")).toAbsolutePath()
            .normalize();

    private Programs() {}

    /** A started program whose output goes to files. */
    static final class Running {
        final Process process;
        final Path stdout;
        final Path stderr;

        Running(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Waits for the exit and returns the code; kills the process after the timeout. */
        int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("process " + process.pid() + " did not exit within "
                        + timeout + "; stderr: " + read(stderr));
            }
            return process.exitValue();
        }

        String out() {
            return read(stdout);
        }

        String err() {
            return read(stderr);
        }

        void stop() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** A finished program's exit code and output. */
    record Result(int exitCode, String out, String err) {}

    static Running start(String program, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile());
        for (String inherited : List.of("REDIS_URL", "TTG_PLUGINS", "TTG_CLASSPATH", "RUN_ID",
                "TOTAL_PARAMETERS", "BATCH_SIZE", "COMPUTATION", "SIMULATE_WORK_MS",
                "SAVE_OUTPUT", "TOTAL_WORKERS", "WORKER_ID", "WORKER_THREADS")) {
            builder.environment().remove(inherited);
        }
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("ttg-" + program + "-", ".out");
        Path stderr = Files.createTempFile("ttg-" + program + "-", ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        return new Running(builder.start(), stdout, stderr);
    }

    static Result run(String program, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Running running = start(program, environment, args);
        int code = running.await(Duration.ofSeconds(120));
        return new Result(code, running.out(), running.err());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
