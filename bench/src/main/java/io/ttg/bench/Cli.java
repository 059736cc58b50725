package io.ttg.bench;

import io.ttg.TtgException;
import picocli.CommandLine;

/**
 * Runs a benchmark command. Exit codes: 0 when every measurement was taken, whether or not it
 * met its target; 1 on a failure such as a wrong prime count; 2 on invalid options; 3 when Redis
 * cannot be reached.
 */
final class Cli {
    private Cli() {}

    static int execute(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            if (error instanceof TtgException ttg) {
                commandLine.getErr().println("error: " + ttg.getMessage());
                return ttg.exitCode();
            }
            error.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
