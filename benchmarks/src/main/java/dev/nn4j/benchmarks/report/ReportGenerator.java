package dev.nn4j.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns JMH JSON result files into docs/benchmarks.md and docs/benchmarks.png.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.nn4j.benchmarks.report.ReportGenerator \
 *     --md docs/benchmarks.md --png docs/benchmarks.png --command "benchmarks/run.sh" \
 *     [--note "Smoke run ..."] [--pytorch pytorch-peer.json] [--notes NOTES.md] RESULT.json [MORE.json ...]
 * </pre>
 * {@code --notes} inserts a hand-written Markdown file (measurements made outside JMH, each with
 * its machine and command) after the generated header. The first JSON file is the main run (its matrix products are charted); files made with
 * the same native thread setting are reported together. The machine described is the one the generator runs on, so run
 * it right after the benchmarks, as {@code benchmarks/run.sh} does.
 */
public final class ReportGenerator {
    private ReportGenerator() {
    }

    /** Parses the arguments above, writes both files, prints their paths; exits 2 on bad arguments. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path md = null;
        Path png = null;
        String command = null;
        String note = null;
        Path pytorch = null;
        Path notes = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--md" -> md = Path.of(value(args, ++i, a));
                case "--png" -> png = Path.of(value(args, ++i, a));
                case "--command" -> command = value(args, ++i, a);
                case "--note" -> note = value(args, ++i, a);
                case "--pytorch" -> pytorch = Path.of(value(args, ++i, a));
                case "--notes" -> notes = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        usage("unknown option " + a);
                    }
                    inputs.add(Path.of(a));
                }
            }
        }
        if (md == null || png == null || command == null || inputs.isEmpty()) {
            usage("--md, --png, --command and at least one JMH JSON file are required");
        }
        List<ResultSet> read = new ArrayList<>();
        for (Path in : inputs) {
            read.add(ResultSet.read(in));
        }
        List<ResultSet> sets = ResultSet.mergeByThreads(read);
        String generated = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        Path chartLink = md.toAbsolutePath().getParent().relativize(png.toAbsolutePath());
        MarkdownReport.Header header = new MarkdownReport.Header(Machine.current(), command, generated, note,
                chartLink.toString().replace('\\', '/'), jarDescription(),
                notes == null ? null : Files.readString(notes));
        createParent(md);
        createParent(png);
        Files.writeString(md, MarkdownReport.render(header, sets,
                java.util.Optional.ofNullable(pytorch == null ? null : PytorchPeer.read(pytorch))));
        BenchmarkChart.write(sets, png);
        System.out.println("wrote " + md + " and " + png);
    }

    /** The size of the jar this class runs from, which is the one the benchmarks ran from when run.sh calls it. */
    private static String jarDescription() {
        try {
            Path self = Path.of(ReportGenerator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self)) {
                return String.format(java.util.Locale.ROOT, "%s, %.0f MB: nn4j with all backends, DL4J, and the "
                        + "ND4J and OpenBLAS natives for linux-x86_64 only", self.getFileName(), Files.size(self) / 1e6);
            }
            return "not run from a jar (" + self + ")";
        } catch (java.net.URISyntaxException | IOException | SecurityException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void createParent(Path p) throws IOException {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("ReportGenerator: " + problem);
        System.err.println("usage: ReportGenerator --md FILE.md --png FILE.png --command TEXT [--note TEXT] [--pytorch FILE.json] [--notes FILE.md] RESULT.json...");
        System.exit(2);
    }
}
