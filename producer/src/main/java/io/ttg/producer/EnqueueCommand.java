package io.ttg.producer;

import io.ttg.cli.Broker;
import io.ttg.cli.Durations;
import io.ttg.cli.Environment;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.EnqueueResult;
import io.ttg.queue.RunSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code ttg-producer enqueue}: stores a run on Redis for workers to pull. */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
        description = "Stores a run's spec and puts its chunks on the Redis queue at REDIS_URL."
                + " Running it again with the same options changes nothing.")
final class EnqueueCommand implements Callable<Integer> {
    @Mixin
    RunIdOption runId;

    @Mixin
    SpecOptions specOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment;

    EnqueueCommand() {
        this(Environment.system());
    }

    EnqueueCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        RunSpec spec = specOptions.toSpec(environment, runId.require(environment),
                System.currentTimeMillis());
        if (!Broker.configured(environment)) {
            throw new io.ttg.UsageException("enqueue needs REDIS_URL, the Redis server that"
                    + " workers pull from, e.g. REDIS_URL=redis://127.0.0.1:6379; to sweep on"
                    + " this machine without Redis use 'ttg-producer run'");
        }
        PrintWriter out = command.commandLine().getOut();
        try (ChunkQueue queue = Broker.openRedis(environment)) {
            long start = System.nanoTime();
            EnqueueResult result = queue.enqueue(spec);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.println(describe(spec, result, took));
        }
        out.flush();
        return 0;
    }

    private String describe(RunSpec spec, EnqueueResult result, Duration took) {
        String work = spec.computation() + " over "
                + Durations.count(spec.totalParameters(), "parameter") + " as "
                + Durations.count(spec.chunkCount(), "chunk") + " of "
                + Durations.count(spec.chunkSize());
        if (result.created()) {
            return "Enqueued run " + spec.runId() + ": " + work + " in " + Durations.format(took)
                    + " on " + Broker.describe(environment) + ". Start workers with: ttg-worker"
                    + " --run " + spec.runId();
        }
        if (result.chunksPushed() > 0) {
            return "Run " + spec.runId() + " already existed with the same spec; pushed the "
                    + Durations.count(result.chunksPushed()) + " chunks that an earlier enqueue"
                    + " had not pushed.";
        }
        return "Run " + spec.runId() + " already exists with the same spec (" + work
                + "); nothing changed.";
    }
}
