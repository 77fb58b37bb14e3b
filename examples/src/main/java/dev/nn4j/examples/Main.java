package dev.nn4j.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code nn4j-examples.jar}: one sub-command per demo.
 * Exit codes: 0 success, 1 the demo ran but did not reach its goal, 2 bad usage or input.
 */
@Command(name = "nn4j-examples", mixinStandardHelpOptions = true, version = "nn4j examples 0.1.0",
        description = "Replays the classic neural-network demos with nn4j.",
        subcommands = {XorCommand.class, DigitsCommand.class, SyntheticDigitsCommand.class, NeuroevolutionCommand.class, ColorCommand.class, StreetlightCommand.class, FashionMnistCommand.class, MnistCommand.class, TextCommand.class, PredictCommand.class,
                ExportCommand.class, BackendsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code. Without {@code --add-modules
     * jdk.incubator.vector} the demos run in a child JVM that has it ({@link VectorModuleRelaunch};
     * {@code NN4J_RELAUNCH=0} turns this off).
     */
    public static void main(String[] args) {
        int code = VectorModuleRelaunch.relaunchIfUseful(Main.class.getName(), args);
        System.exit(code >= 0 ? code : run(args));
    }

    /** The message of a failure the user can fix: a missing or unreadable file says so, not only its name. */
    static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return f.getFile() + " does not exist" + (f.getReason() == null ? "" : " (" + f.getReason() + ")");
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage();
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                commandLine.getErr().println("error: " + describe(e));
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
