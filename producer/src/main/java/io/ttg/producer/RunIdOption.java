package io.ttg.producer;

import io.ttg.UsageException;
import io.ttg.cli.Environment;
import io.ttg.queue.RunSpec;
import picocli.CommandLine.Option;

/** The {@code --run} option, with RUN_ID as its environment variable. */
public final class RunIdOption {
    @Option(names = "--run", paramLabel = "ID",
            description = "Run id: 1 to 64 letters, digits, '.', '-' or '_'. Env: RUN_ID.")
    String run;

    /**
     * Returns the run id from the flag or RUN_ID.
     *
     * @throws UsageException if neither is set or the id is malformed
     */
    public String require(Environment environment) {
        String id = environment.text(run, "RUN_ID", null);
        if (id == null) {
            throw new UsageException("--run is required: the id of the run, e.g. --run sweep-1"
                    + " (or set RUN_ID)");
        }
        RunSpec.validateRunId(id);
        return id;
    }

    /** Returns the run id from the flag or RUN_ID, or {@code fallback} when neither is set. */
    public String orDefault(Environment environment, String fallback) {
        String id = environment.text(run, "RUN_ID", fallback);
        RunSpec.validateRunId(id);
        return id;
    }
}
