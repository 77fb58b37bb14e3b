package dev.nn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.model.Model;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Core's packages form layers without cycles (docs/architecture.md, "Packages of core"): a package
 * may import only packages on lower levels. Reads the real dependencies of the compiled classes
 * with {@code jdeps -verbose:package}, so an import that adds a cycle fails the build.
 */
class PackageGraphTest {

    /** Level of each package of core; a package imports only packages of a lower level. */
    static final Map<String, Integer> LEVELS = Map.ofEntries(
            Map.entry("tensor", 0),
            Map.entry("autodiff", 1), Map.entry("backend", 1), Map.entry("backend.array", 1), Map.entry("data", 1),
            Map.entry("optim", 2),
            Map.entry("model", 3),
            Map.entry("eval", 4),
            Map.entry("train", 5),
            Map.entry("nn", 6),
            Map.entry("io", 7), Map.entry("toy", 7),
            Map.entry("train.listeners", 8));

    private static final Pattern EDGE = Pattern.compile("^\\s+dev\\.nn4j\\.(\\S+)\\s+->\\s+dev\\.nn4j\\.(\\S+)\\s");

    @Test
    void everyImportPointsToALowerLevel() throws Exception {
        Map<String, TreeSet<String>> edges = edges();
        assertTrue(edges.containsKey("nn"), "jdeps found no edges from dev.nn4j.nn: " + edges);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> e : edges.entrySet()) {
            Integer from = LEVELS.get(e.getKey());
            if (from == null) {
                wrong.add("dev.nn4j." + e.getKey() + " has no level: add it to LEVELS and to docs/architecture.md");
                continue;
            }
            for (String to : e.getValue()) {
                Integer level = LEVELS.get(to);
                if (level == null) {
                    wrong.add("dev.nn4j." + to + " has no level: add it to LEVELS and to docs/architecture.md");
                } else if (level >= from) {
                    wrong.add("dev.nn4j." + e.getKey() + " (level " + from + ") imports dev.nn4j." + to + " (level "
                            + level + ")");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Package → packages it uses, from the classes of core's main source set. */
    static Map<String, TreeSet<String>> edges() throws Exception {
        Path classes = Path.of(Model.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("jdeps is not in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                classes.toString());
        assertEquals(0, status, "jdeps failed: " + err);
        Map<String, TreeSet<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return edges;
    }
}
