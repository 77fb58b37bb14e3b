package dev.nn4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --out DIR} option shared by the picture-writing demos: where their PNG, GIF and JSON files go. */
final class OutOption {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for the pictures and files the demo writes (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("out");

    /** {@code DIR/name}, creating DIR when needed. */
    Path file(String name) throws IOException {
        Files.createDirectories(dir);
        return dir.resolve(name);
    }
}
