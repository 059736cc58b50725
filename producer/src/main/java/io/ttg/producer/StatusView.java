package io.ttg.producer;

import io.ttg.cli.Durations;
import io.ttg.queue.FailedChunk;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import java.time.Duration;
import java.util.Locale;

/** Renders a run's status as text for people. */
public final class StatusView {
    private static final int BAR_WIDTH = 30;
    private static final int FAILURES_SHOWN = 10;
    private static final Duration MIN_STALL = Duration.ofSeconds(60);

    private StatusView() {}

    /** Returns a progress bar such as {@code [#######.......]  42.0%}. */
    public static String bar(long done, long total) {
        double fraction = total == 0 ? 1 : Math.min(1, done / (double) total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%5.1f%%", fraction * 100);
    }

    /** Returns the multi-line status block that {@code ttg-producer status} prints. */
    public static String render(RunStatus status, String aggregate) {
        return render(status, aggregate, true);
    }

    /** Renders the status; {@code persistent} is false for a run on the embedded broker. */
    static String render(RunStatus status, String aggregate, boolean persistent) {
        StringBuilder text = new StringBuilder();
        long total = status.spec().totalParameters();
        text.append("Run ").append(status.spec().runId()).append(": ").append(status.state())
                .append('\n');
        line(text, "computation", status.spec().computation() + options(status));
        line(text, "progress", bar(status.parametersDone(), total) + "  "
                + Durations.count(status.parametersDone()) + " of " + Durations.count(total)
                + " parameters");
        line(text, "chunks", Durations.count(status.spec().chunkCount(), "chunk") + " of "
                + Durations.count(status.spec().chunkSize()) + " parameters: "
                + Durations.count(status.done()) + " done, " + Durations.count(status.leased())
                + " leased, " + Durations.count(status.pending()) + " pending, "
                + Durations.count(status.failed()) + " failed" + notQueued(status));
        line(text, "throughput", throughput(status));
        line(text, "aggregate", aggregate);
        if (status.redelivered() > 0) {
            line(text, "re-delivered", status.redelivered()
                    + " chunks whose lease expired (a worker crashed, froze or was killed)");
        }
        appendFailures(text, status, persistent);
        appendStall(text, status);
        return text.toString();
    }

    private static String options(RunStatus status) {
        if (status.spec().options().isEmpty()) {
            return "";
        }
        return " " + status.spec().sortedOptions();
    }

    private static String notQueued(RunStatus status) {
        long missing = status.spec().chunkCount() - status.chunksQueued();
        return missing > 0 ? ", " + missing + " not yet queued by the producer" : "";
    }

    private static String throughput(RunStatus status) {
        double rate = status.throughputPerSecond();
        if (rate <= 0) {
            return status.state() == RunState.QUEUED ? "no chunk claimed yet; start workers"
                    : "no chunk completed yet";
        }
        String text = Durations.count(Math.round(rate)) + " parameters/s";
        if (status.state().isFinished()) {
            long elapsed = status.finishedAtMillis() - status.startedAtMillis();
            return text + ", took " + Durations.format(Duration.ofMillis(elapsed));
        }
        long eta = status.etaSeconds();
        return eta < 0 ? text : text + ", ETA " + Durations.format(Duration.ofSeconds(eta));
    }

    private static void appendFailures(StringBuilder text, RunStatus status,
            boolean persistent) {
        int shown = 0;
        for (FailedChunk failure : status.failures()) {
            if (shown++ == FAILURES_SHOWN) {
                line(text, "", "... and " + (status.failures().size() - FAILURES_SHOWN)
                        + " more failed chunks");
                break;
            }
            line(text, shown == 1 ? "failed" : "", failure.range() + " after "
                    + Durations.count(failure.attempts(), "attempt") + ": " + failure.error());
        }
        if (!status.failures().isEmpty() && persistent) {
            line(text, "", "put them back with: ttg-producer retry-failed --run "
                    + status.spec().runId());
        }
    }

    private static void appendStall(StringBuilder text, RunStatus status) {
        if (status.state() != RunState.RUNNING) {
            return;
        }
        long since = Math.max(status.lastDoneAtMillis(), status.startedAtMillis());
        Duration quiet = Duration.ofMillis(status.nowMillis() - since);
        Duration limit = Duration.ofMillis(Math.max(MIN_STALL.toMillis(),
                5 * status.spec().leaseMillis()));
        if (since > 0 && quiet.compareTo(limit) > 0) {
            line(text, "STALLED", "no chunk completed for " + Durations.format(quiet) + " with "
                    + status.leased() + " leased and " + status.pending() + " pending");
            line(text, "", stallCause(status));
        }
    }

    /**
     * Returns the likely cause of a stall. Expired leases of dead workers stay counted as leased
     * until a live worker claims, because claims are what re-queue them.
     */
    private static String stallCause(RunStatus status) {
        String start = "start workers with: ttg-worker --run " + status.spec().runId();
        if (status.leased() == 0) {
            return "no chunk is leased, so no worker is running; " + start;
        }
        return "the workers that hold the leased chunks are stuck or dead; read their logs, or "
                + start + " to take over the chunks of dead ones";
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-13s %s%n", label, value));
    }
}
