package dev.nn4j.examples;

import dev.nn4j.backend.Backends;
import picocli.CommandLine.Command;

/** {@code backends}: prints {@link Backends#describe()}. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Lists every backend found, its priority and device, and which one is the default and why.")
final class BackendsCommand implements Runnable {
    @Override
    public void run() {
        System.out.print(Backends.describe());
    }
}
