package io.ttg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Describes the machine and the JVM that a benchmark runs on, for the benchmark's output. */
final class Machine {
    private static final long CLOCK_TICKS_PER_SECOND = readClockTicks();

    private Machine() {}

    /** Prints the CPU model, core counts, Java version, JVM flags and the load average. */
    static void print(PrintStream out) {
        out.println("machine: cpu=" + cpuModel() + ", nproc=" + nproc()
                + ", availableProcessors=" + Runtime.getRuntime().availableProcessors()
                + ", os=" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        out.println("java: " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", flags: "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.println("load average at start (1, 5, 15 min): " + loadAverage());
    }

    private static String cpuModel() {
        return readLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown (no model name in /proc/cpuinfo)");
    }

    /** Returns the 1, 5 and 15 minute load averages from /proc/loadavg. */
    static String loadAverage() {
        List<String> lines = readLines(Path.of("/proc/loadavg"));
        if (lines.isEmpty()) {
            return "unknown (/proc/loadavg is unreadable)";
        }
        String[] fields = lines.get(0).split(" ");
        return fields.length < 3 ? lines.get(0) : fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** Returns USER_HZ, the unit of the times in /proc/stat: {@code getconf CLK_TCK}, or 100. */
    static long clockTicksPerSecond() {
        return CLOCK_TICKS_PER_SECOND;
    }

    private static long readClockTicks() {
        try {
            return Long.parseLong(run("getconf", "CLK_TCK"));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Returns the output of {@code nproc}: the cores this process may run on. */
    private static String nproc() {
        String output = run("nproc");
        return output.isEmpty() ? "unknown (nproc failed)" : output;
    }

    /** Runs a command and returns its trimmed output, or "" if it fails. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            return process.waitFor() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Returns the file's lines, or none if it cannot be read, as outside Linux. */
    private static List<String> readLines(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
