package io.ttg.cli;

import io.ttg.ExitCodes;
import io.ttg.TtgException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs a picocli command and maps TTG's exceptions to one-line errors and exit codes. */
public final class CommandLines {
    private CommandLines() {}

    /** Returns a command line with TTG's exit codes and error handling. */
    public static CommandLine create(Object command, String program) {
        CommandLine line = new CommandLine(command);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler((error, failed, parsed) -> {
            PrintWriter err = failed.getErr();
            if (error instanceof TtgException ttg) {
                err.println(program + ": error: " + ttg.getMessage());
                err.flush();
                return ttg.exitCode();
            }
            err.println(program + ": unexpected error: " + error);
            error.printStackTrace(err);
            err.flush();
            return ExitCodes.FAILURE;
        });
        line.setParameterExceptionHandler((error, args) -> {
            PrintWriter err = error.getCommandLine().getErr();
            err.println(program + ": error: " + error.getMessage() + " (see '"
                    + error.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
        return line;
    }
}
