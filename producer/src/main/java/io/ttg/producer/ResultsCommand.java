package io.ttg.producer;

import io.ttg.ExitCodes;
import io.ttg.TtgException;
import io.ttg.cli.Broker;
import io.ttg.cli.Durations;
import io.ttg.cli.Environment;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.ChunkRange;
import io.ttg.queue.RunStatus;
import io.ttg.results.CsvExporter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ttg-producer results}: writes every parameter's result as CSV. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Writes every parameter's result in index order as CSV (index,result), for"
                + " a run enqueued with --save-output.")
final class ResultsCommand implements Callable<Integer> {
    @Mixin
    RunIdOption runId;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "File to write. Default: standard output.")
    Path output;

    @Option(names = "--partial",
            description = "Write the results of the chunks done so far even if the run has not"
                    + " finished.")
    boolean partial;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment = Environment.system();

    @Override
    public Integer call() throws IOException {
        String id = runId.require(environment);
        try (ChunkQueue queue = Broker.openRedis(environment)) {
            RunStatus status = StatusCommand.read(queue, id);
            check(status);
            List<ChunkRange> missing;
            try (Writer writer = open()) {
                missing = CsvExporter.write(queue, status.spec(), writer);
            } catch (IOException e) {
                throw new TtgException(ExitCodes.FAILURE, "cannot write the results to "
                        + (output == null ? "standard output" : output) + ": " + e
                        + "; pass --output with a writable file");
            }
            return report(status, missing);
        }
    }

    private void check(RunStatus status) {
        String id = status.spec().runId();
        if (!status.spec().saveOutput()) {
            throw new TtgException(ExitCodes.FAILURE, "run " + id + " was enqueued without"
                    + " --save-output, so its results were not stored; enqueue it again under"
                    + " a new --run with --save-output (or SAVE_OUTPUT=true)");
        }
        if (!status.state().isFinished() && !partial) {
            throw new TtgException(ExitCodes.FAILURE, "run " + id + " is " + status.state()
                    + " with " + status.done() + " of " + status.spec().chunkCount()
                    + " chunks done; wait for it to finish (ttg-producer status --run " + id
                    + " --watch) or pass --partial");
        }
    }

    private Writer open() throws IOException {
        if (output == null) {
            return new BufferedWriter(new OutputStreamWriter(System.out,
                    StandardCharsets.UTF_8), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }

    private int report(RunStatus status, List<ChunkRange> missing) {
        var err = command.commandLine().getErr();
        if (!missing.isEmpty()) {
            err.println("ttg-producer: warning: " + Durations.count(missing.size(), "chunk")
                    + " without results (failed or not done yet), first: " + missing.get(0));
            err.flush();
            return status.failed() > 0 ? ExitCodes.COMPLETED_WITH_FAILURES : ExitCodes.OK;
        }
        if (output != null) {
            err.println("Wrote " + status.spec().totalParameters() + " results to " + output);
            err.flush();
        }
        return ExitCodes.OK;
    }
}
