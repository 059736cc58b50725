package io.ttg.cli;

import io.ttg.ExitCodes;
import io.ttg.TtgException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs a picocli command and maps TTG's exceptions to one-line errors and exit codes. */
public final class CommandLines {
    private CommandLines() {}

    private static final java.util.Set<String> LOG_LEVELS =
            java.util.Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /**
     * Checks TTG_LOG_LEVEL, which Logback reads by itself and would turn into DEBUG when it is
     * not a level.
     *
     * @throws io.ttg.UsageException naming the value and the accepted levels
     */
    public static void checkLogLevel() {
        String level = System.getenv("TTG_LOG_LEVEL");
        if (level != null && !LOG_LEVELS.contains(level)) {
            throw new io.ttg.UsageException("TTG_LOG_LEVEL must be one of TRACE, DEBUG, INFO,"
                    + " WARN, ERROR or OFF, got '" + level + "'");
        }
    }

    /**
     * Runs {@code args} on the command with TTG's error handling and returns the exit code; a bad
     * TTG_LOG_LEVEL ends it with exit code 2 before the command runs.
     */
    public static int execute(Object command, String program, String... args) {
        try {
            checkLogLevel();
        } catch (io.ttg.UsageException e) {
            System.err.println(program + ": error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return create(command, program).execute(args);
    }

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
