package io.ttg.producer;

import io.ttg.compute.Computation;
import io.ttg.compute.Computations;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ttg-producer computations}: lists the computations on the class path. */
@Command(name = "computations", mixinStandardHelpOptions = true,
        description = "Lists the computations that --computation can name.")
final class ComputationsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        for (Computation computation : Computations.available().values()) {
            out.printf("%-12s %s%n", computation.name(), computation.description());
        }
        out.flush();
        return 0;
    }
}
