package io.ttg.e2e.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enqueue options of one fault scenario's run: N, chunk size, lease, attempts and the
 * counting computation's options. Output is always saved, so that every index's result record
 * can be checked.
 */
record Sweep(String run, long params, int chunkSize, double leaseSeconds, int maxAttempts,
        Map<String, String> options) {

    /** Returns a sweep with 1 s leases, 3 attempts and no sleep per index. */
    static Sweep of(String run, long params, int chunkSize) {
        return new Sweep(run, params, chunkSize, 1, 3, Map.of());
    }

    Sweep lease(double seconds) {
        return new Sweep(run, params, chunkSize, seconds, maxAttempts, options);
    }

    /** Adds a counting computation option such as {@code sleep-ms=25}. */
    Sweep option(String key, Object value) {
        Map<String, String> more = new LinkedHashMap<>(options);
        more.put(key, String.valueOf(value));
        return new Sweep(run, params, chunkSize, leaseSeconds, maxAttempts, more);
    }

    long chunks() {
        return (params + chunkSize - 1) / chunkSize;
    }

    /** Returns the chunk that contains {@code index}. */
    long chunkOf(long index) {
        return index / chunkSize;
    }

    long start(long chunk) {
        return chunk * chunkSize;
    }

    long end(long chunk) {
        return Math.min(params, (chunk + 1) * chunkSize);
    }

    /** Returns the key of this run's counter hash in the counter Redis. */
    String callsKey() {
        return "calls:" + run;
    }

    /** Returns the arguments of {@code ttg-producer enqueue} for this sweep. */
    String[] enqueueArguments(String countersUrl) {
        List<String> args = new ArrayList<>(List.of("enqueue", "--run", run,
                "--params", Long.toString(params), "--chunk-size", Integer.toString(chunkSize),
                "--computation", "counting", "--lease-seconds", Double.toString(leaseSeconds),
                "--max-attempts", Integer.toString(maxAttempts), "--save-output",
                "--option", "calls-url=" + countersUrl, "--option", "calls-key=" + callsKey()));
        options.forEach((key, value) -> {
            args.add("--option");
            args.add(key + "=" + value);
        });
        return args.toArray(String[]::new);
    }
}
