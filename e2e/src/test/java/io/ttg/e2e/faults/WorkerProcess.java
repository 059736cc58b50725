package io.ttg.e2e.faults;

import io.ttg.e2e.Programs;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A started {@code bin/ttg-worker} (or producer) process, with signals sent by its pid. */
final class WorkerProcess {
    final String id;
    final Programs.Running running;
    private final long startNanos = System.nanoTime();
    private volatile long exitNanos;

    WorkerProcess(String id, Programs.Running running) {
        this.id = id;
        this.running = running;
        running.process.onExit().thenRun(() -> exitNanos = System.nanoTime());
    }

    long pid() {
        return running.process.pid();
    }

    boolean alive() {
        return running.process.isAlive();
    }

    /** Waits for the exit and returns the exit code; fails the test after the timeout. */
    int await(Duration timeout) throws InterruptedException {
        return running.await(timeout);
    }

    /** Returns the exit code, or -1 while the process runs. */
    int exitCode() {
        return alive() ? -1 : running.process.exitValue();
    }

    /** Returns when the process exited, in {@link System#nanoTime()} terms, or 0. */
    long exitNanos() {
        return exitNanos;
    }

    long startNanos() {
        return startNanos;
    }

    /** Standard error: the worker's log. */
    String log() {
        return running.err();
    }

    /** Standard output: the summary line. */
    String out() {
        return running.out();
    }

    /** Counts the log lines that contain {@code regex}. */
    long logLines(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return log().lines().filter(line -> pattern.matcher(line).find()).count();
    }

    void kill() {
        signal("KILL");
    }

    void terminate() {
        signal("TERM");
    }

    void freeze() {
        signal("STOP");
    }

    void thaw() {
        signal("CONT");
    }

    /** Sends a signal to this process by its pid with kill(1), if it still runs. */
    void signal(String name) {
        if (!alive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new AssertionError("kill -" + name + " " + pid() + " did not return");
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kill -" + name + " " + pid() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while signalling " + pid(), e);
        }
    }

    /** Kills the process with SIGKILL and waits for it, as a test's cleanup. */
    void destroy() {
        if (alive()) {
            running.process.destroyForcibly();
            try {
                running.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return id + " (pid " + pid() + ")";
    }
}
