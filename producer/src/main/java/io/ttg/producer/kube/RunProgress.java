package io.ttg.producer.kube;

import io.ttg.cli.Durations;
import io.ttg.producer.StatusView;
import io.ttg.queue.RunStatus;

/** Renders a run's queue progress on one line. */
final class RunProgress {
    private RunProgress() {}

    /**
     * Returns e.g. {@code RUNNING [######....]  42.0%  4,200 of 10,000 parameters; chunks: 4
     * done, 3 leased, 3 pending, 0 failed}.
     */
    static String line(RunStatus status) {
        long total = status.spec().totalParameters();
        return status.state() + " " + StatusView.bar(status.parametersDone(), total) + "  "
                + Durations.count(status.parametersDone()) + " of " + Durations.count(total)
                + " parameters; chunks: " + status.done() + " done, " + status.leased()
                + " leased, " + status.pending() + " pending, " + status.failed() + " failed";
    }
}
