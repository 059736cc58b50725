package io.ttg.producer.kube;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ttg.cli.CommandLines;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.queue.RunStatus;
import io.ttg.redis.RedisConnection;
import io.ttg.work.Worker;
import io.ttg.work.WorkerSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import picocli.CommandLine;

/** Runs a command object as {@code ttg-producer} would, and reads runs on a test Redis. */
final class Cli {
    private Cli() {}

    /** A finished command's exit code and output. */
    record Result(int exitCode, String out, String err) {}

    static Result execute(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = CommandLines.create(command, "ttg-producer");
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Computes the whole run with one in-process worker, so that it is finished on Redis. */
    static void finishRun(String redisUrl, String runId) {
        try (RedisChunkQueue queue = new RedisChunkQueue(RedisConnection.open(redisUrl))) {
            new Worker(queue, runId, WorkerSettings.defaults("test-worker", 1),
                    new SimpleMeterRegistry()).run();
        }
    }

    static Optional<RunStatus> status(String redisUrl, String runId) {
        try (RedisChunkQueue queue = new RedisChunkQueue(RedisConnection.open(redisUrl))) {
            return queue.status(runId);
        }
    }
}
