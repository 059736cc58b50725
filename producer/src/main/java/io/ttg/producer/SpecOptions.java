package io.ttg.producer;

import io.ttg.UsageException;
import io.ttg.cli.Environment;
import io.ttg.compute.Computations;
import io.ttg.compute.SimulateComputation;
import io.ttg.queue.RunSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that define a run's work, shared by {@code enqueue}, {@code run} and
 * {@code deploy}.
 */
public final class SpecOptions {
    static final int DEFAULT_CHUNK_SIZE = 10_000;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final double DEFAULT_LEASE_SECONDS = 6;
    /** A day: a longer lease would leave a crashed worker's chunk stranded for as long. */
    static final double MAX_LEASE_SECONDS = 86_400;
    /** An hour per parameter; beyond that simulate is no longer a simulation of anything. */
    static final long MAX_WORK_MS = 3_600_000;

    @Option(names = {"-n", "--params"}, paramLabel = "N",
            description = "Number of parameters: indices 0..N-1 are evaluated."
                    + " Env: TOTAL_PARAMETERS. Required.")
    String params;

    @Option(names = "--chunk-size", paramLabel = "C",
            description = "Parameters per chunk, the unit of work a worker claims."
                    + " Env: BATCH_SIZE. Default: " + DEFAULT_CHUNK_SIZE + ".")
    String chunkSize;

    @Option(names = "--computation", paramLabel = "NAME",
            description = "Computation evaluated at every index: primes, collatz, simulate, or"
                    + " your own (see 'ttg-producer computations'). Env: COMPUTATION."
                    + " Default: simulate.")
    String computation;

    @Option(names = "--simulate-work-ms", paramLabel = "MS",
            description = "Milliseconds the simulate computation sleeps per parameter."
                    + " Env: SIMULATE_WORK_MS. Default: 0.")
    String simulateWorkMs;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "An option of the computation; repeat for several.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--max-attempts", paramLabel = "K",
            description = "Claims of one chunk before it is parked as failed; crashes count."
                    + " Env: MAX_ATTEMPTS. Default: " + DEFAULT_MAX_ATTEMPTS + ".")
    String maxAttempts;

    @Option(names = "--lease-seconds", paramLabel = "S",
            description = "Seconds a worker's lease on a chunk lasts without renewal; a crashed"
                    + " worker's chunk is re-delivered after at most this long. Decimals allowed."
                    + " Env: LEASE_SECONDS. Default: 6.")
    String leaseSeconds;

    @Option(names = "--save-output", negatable = true, fallbackValue = "true",
            description = "Store every parameter's result for 'ttg-producer results'."
                    + " Env: SAVE_OUTPUT (true/false). Default: false.")
    Boolean saveOutput;

    /**
     * Builds and checks the run's spec; nothing is written before this succeeds.
     *
     * @throws UsageException naming the bad flag or variable
     */
    public RunSpec toSpec(Environment environment, String runId, long createdAtMillis) {
        long total = environment.longValue(params, "--params", "TOTAL_PARAMETERS", -1, 1);
        if (total < 0) {
            throw new UsageException("--params is required: the number of parameters to"
                    + " evaluate, e.g. --params 1000000 (or set TOTAL_PARAMETERS)");
        }
        int chunk = environment.intValue(chunkSize, "--chunk-size", "BATCH_SIZE",
                DEFAULT_CHUNK_SIZE, 1);
        String name = environment.text(computation, "COMPUTATION", "simulate");
        Map<String, String> computationOptions = computationOptions(environment, name);
        Computations.create(name, computationOptions);
        int attempts = environment.intValue(maxAttempts, "--max-attempts", "MAX_ATTEMPTS",
                DEFAULT_MAX_ATTEMPTS, 1);
        double lease = environment.decimalValue(leaseSeconds, "--lease-seconds",
                "LEASE_SECONDS", DEFAULT_LEASE_SECONDS, RunSpec.MIN_LEASE_MILLIS / 1000.0,
                MAX_LEASE_SECONDS);
        boolean save = environment.booleanValue(saveOutput, "SAVE_OUTPUT", false);
        return new RunSpec(runId, total, chunk, name, computationOptions, attempts,
                Math.round(lease * 1000), save, createdAtMillis);
    }

    /** Uses {@code total} as the parameter count when {@code --params} was not given. */
    public void presetParams(long total) {
        if (params == null) {
            params = Long.toString(total);
        }
    }

    private Map<String, String> computationOptions(Environment environment, String name) {
        Map<String, String> result = new LinkedHashMap<>(options);
        boolean simulate = name.equals("simulate");
        if (simulateWorkMs != null && !simulate) {
            throw new UsageException("--simulate-work-ms applies only to --computation simulate,"
                    + " not '" + name + "'");
        }
        if (simulate) {
            long workMs = environment.longValue(simulateWorkMs, "--simulate-work-ms",
                    "SIMULATE_WORK_MS", 0, 0, MAX_WORK_MS);
            result.putIfAbsent(SimulateComputation.WORK_MS, Long.toString(workMs));
        }
        return result;
    }
}
