package dev.nn4j.examples;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --report} JSON of a demo: named values in insertion order, written with jackson-jr. */
final class RunReport {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** A report whose first field is {@code example}. */
    RunReport(String example) {
        fields.put("example", example);
    }

    /** Adds or replaces a field (numbers, strings, booleans, arrays, lists). */
    RunReport put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** Writes the report as pretty-printed JSON to {@code file}, replacing it. */
    void write(Path file) throws IOException {
        String json = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(fields);
        Files.writeString(file, json + System.lineSeparator());
    }
}
