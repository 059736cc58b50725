package io.ttg.producer;

import io.ttg.cli.CommandLines;
import io.ttg.producer.kube.DeployCommand;
import io.ttg.producer.kube.LogsCommand;
import io.ttg.producer.kube.ScaleCommand;
import io.ttg.producer.kube.WatchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ttg-producer}: creates runs, watches them and reads their results, on
 * this machine, on Redis, or on Kubernetes.
 */
@Command(name = "ttg-producer", mixinStandardHelpOptions = true, version = "ttg 0.1.0",
        description = "Creates parameter sweeps on a Redis chunk queue, runs them locally,"
                + " shows their progress and writes their results.",
        subcommands = {
            RunCommand.class,
            EnqueueCommand.class,
            StatusCommand.class,
            ResultsCommand.class,
            RetryFailedCommand.class,
            DeleteCommand.class,
            ComputationsCommand.class,
            DeployCommand.class,
            ScaleCommand.class,
            WatchCommand.class,
            LogsCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  unexpected failure",
            "  2  invalid usage: a bad option, environment variable or REDIS_URL",
            "  3  Redis or the Kubernetes API unreachable, or the server is not Redis",
            "  4  run or worker Job not found, or the run's state was lost from Redis",
            "  5  the run id holds another spec, a TTG key holds foreign data, or the worker",
            "     Job is still working on a run (deploy without --replace) or has ended (scale)",
            "  6  the run ended with failed chunks"
        })
public final class ProducerMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: run, enqueue, status, results, retry-failed,"
                        + " delete, computations, deploy, scale, watch or logs");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, for tests. */
    public static int execute(String... args) {
        return CommandLines.execute(new ProducerMain(), "ttg-producer", args);
    }
}
