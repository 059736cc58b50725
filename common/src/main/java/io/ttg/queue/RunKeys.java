package io.ttg.queue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names of the Redis keys of one run. Every key carries the hash tag {@code {ttg:RUN}}, so a run
 * lives in one Redis Cluster slot and a Lua script may touch all of its keys.
 */
final class RunKeys {
    private final String prefix;

    RunKeys(String runId) {
        RunSpec.validateRunId(runId);
        this.prefix = "{ttg:" + runId + "}:";
    }

    /** The run's spec as JSON (string). */
    String spec() {
        return prefix + "spec";
    }

    /** Counters, push cursor, state and timestamps (hash). */
    String meta() {
        return prefix + "meta";
    }

    /** Chunk numbers waiting to be claimed (list). */
    String pending() {
        return prefix + "pending";
    }

    /** Leased chunk numbers scored by lease deadline in epoch ms (sorted set). */
    String leases() {
        return prefix + "leases";
    }

    /** Lease owner per leased chunk, as {@code token:worker} (hash). */
    String owners() {
        return prefix + "owners";
    }

    /** Claims so far per chunk that is not done yet (hash). */
    String attempts() {
        return prefix + "attempts";
    }

    /** Partial aggregate JSON per done chunk (hash). */
    String done() {
        return prefix + "done";
    }

    /** Error JSON per failed chunk (hash). */
    String failed() {
        return prefix + "failed";
    }

    /** Encoded per-index results per done chunk, when output is saved (hash). */
    String results() {
        return prefix + "results";
    }

    /** Encoded progress per chunk in flight (hash). */
    String checkpoints() {
        return prefix + "checkpoints";
    }

    /** Returns every key in the order that prelude.lua expects as KEYS. */
    String[] all() {
        return new String[] {
            spec(), meta(), pending(), leases(), owners(),
            attempts(), done(), failed(), results(), checkpoints()
        };
    }

    /** Returns every key with the Redis type TTG stores in it, in the order of {@link #all()}. */
    Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put(spec(), "string");
        types.put(meta(), "hash");
        types.put(pending(), "list");
        types.put(leases(), "zset");
        for (String hash : List.of(owners(), attempts(), done(), failed(), results(),
                checkpoints())) {
            types.put(hash, "hash");
        }
        return types;
    }

    /** Returns every key, for deleting a run. */
    List<String> list() {
        return List.of(all());
    }
}
