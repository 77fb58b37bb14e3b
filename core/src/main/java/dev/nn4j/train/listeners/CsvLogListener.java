package dev.nn4j.train.listeners;

import dev.nn4j.train.TrainingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one CSV row per epoch to a file: {@code epoch} (from 1), then the columns of the
 * first epoch's record — {@code loss}, {@code accuracy} (classification data only),
 * {@code validation} (early stopping only), {@code learning_rate}, {@code seconds},
 * {@code samples_per_second} and every metric published by earlier listeners (see
 * {@link HistoryListener}). The header is written with the first row; each row is flushed,
 * so the file can be followed while training runs.
 *
 * <p>The file is created or truncated when training begins and closed when it ends. The
 * columns are fixed by the first epoch: a metric first published later is not written, a
 * column without a value in some epoch is left empty. Values use {@link Double#toString}
 * ({@code NaN} for a non-finite loss). Write errors throw {@link UncheckedIOException} naming the file.
 */
public final class CsvLogListener extends EpochRecordingListener {
    private final Path file;
    private Writer out;
    private List<String> columns;

    /** Logs to {@code file}; its directory must exist when training begins. */
    public CsvLogListener(Path file) {
        this.file = Objects.requireNonNull(file, "csv log: file");
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("csv log: cannot create " + file + ": " + e.getMessage(), e);
        }
        columns = null;
    }

    @Override
    void record(Map<String, Double> row, TrainingContext context) {
        StringBuilder line = new StringBuilder();
        if (columns == null) {
            columns = new ArrayList<>(row.keySet());
            line.append("epoch");
            for (String c : columns) {
                line.append(',').append(quote(c));
            }
            line.append('\n');
        }
        line.append(context.epoch() + 1);
        for (String c : columns) {
            Double v = row.get(c);
            line.append(',').append(v == null ? "" : Double.toString(v));
        }
        line.append('\n');
        try {
            out.write(line.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("csv log: cannot write epoch " + (context.epoch() + 1) + " to " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Closes the file even when training fails, keeping the rows written so far. */
    @Override
    public void onTrainAborted(TrainingContext context, RuntimeException cause) {
        onTrainEnd(context);
    }

    @Override
    public void onTrainEnd(TrainingContext context) {
        if (out == null) {
            return;
        }
        try {
            out.close();
            out = null;
        } catch (IOException e) {
            throw new UncheckedIOException("csv log: cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /** A header cell, quoted when a metric name holds a comma, quote or line break. */
    private static String quote(String name) {
        if (name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
