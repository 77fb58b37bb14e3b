package dev.nn4j.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the demos in a child JVM with {@code --add-modules jdk.incubator.vector} when this JVM
 * lacks the module, so that {@code java -jar nn4j-examples.jar ...} gets the plain backend's
 * Vector API matrix product without the user knowing the flag.
 *
 * <p>The child gets the same java executable, JVM options (system properties, heap size),
 * class path, main class and arguments; it inherits stdin, stdout, stderr and the environment,
 * and its exit code becomes this JVM's. It runs with {@value #MARKER}=1 in its environment and
 * never relaunches again, whatever happens. Nothing is relaunched when the module is already
 * there, when the JDK does not ship it, when {@value #DISABLE_ENV}=1 or
 * {@code -D}{@value #DISABLE_PROPERTY}{@code =false} is set, or when the child cannot be
 * started (then the demo runs here, on the scalar engine, after a note on stderr).
 */
final class VectorModuleRelaunch {
    /** The module the plain backend's fast engine needs. */
    static final String MODULE = "jdk.incubator.vector";
    /** Set in the child's environment; its presence forbids another relaunch. */
    static final String MARKER = "NN4J_RELAUNCHED";
    /** {@code NN4J_RELAUNCH=0} (or false/no/off) disables the relaunch. */
    static final String DISABLE_ENV = "NN4J_RELAUNCH";
    /** {@code -Dnn4j.relaunch=false} disables the relaunch. */
    static final String DISABLE_PROPERTY = "nn4j.relaunch";

    private VectorModuleRelaunch() {
    }

    /**
     * Runs the demos in a child JVM if that is wanted and possible, and returns its exit code;
     * returns -1 when the caller should run the demos in this JVM.
     */
    static int relaunchIfUseful(String mainClass, String[] args) {
        if (!wanted(System.getenv(), System.getProperty(DISABLE_PROPERTY), moduleLoaded(), moduleShipped())) {
            return -1;
        }
        List<String> cmd = command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"),
                mainClass, args);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(MARKER, "1");
        Process child;
        try {
            child = pb.start();
        } catch (IOException | RuntimeException e) {
            System.err.println("note: could not restart with --add-modules " + MODULE + " (" + e.getMessage()
                    + "); running on the plain backend's scalar matrix product");
            return -1;
        }
        boolean interrupted = false;
        while (true) {
            try {
                int code = child.waitFor();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return code;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /** The decision, from the environment, the property and what this JVM has. */
    static boolean wanted(Map<String, String> env, String property, boolean moduleLoaded, boolean moduleShipped) {
        if (moduleLoaded || !moduleShipped || env.containsKey(MARKER)) {
            return false;
        }
        return !isOff(env.get(DISABLE_ENV)) && !isOff(property);
    }

    /** The child's command line: the module flag, then this JVM's options, class path, main class, arguments. */
    static List<String> command(String java, List<String> jvmOptions, String classPath, String mainClass,
                                String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("--add-modules");
        cmd.add(MODULE);
        for (String option : jvmOptions) {
            // A debugger agent would try to bind the parent's port a second time.
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
                cmd.add(option);
            }
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static boolean isOff(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return v.equals("0") || v.equals("false") || v.equals("no") || v.equals("off");
    }

    private static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    private static boolean moduleShipped() {
        return ModuleFinder.ofSystem().find(MODULE).isPresent();
    }
}
