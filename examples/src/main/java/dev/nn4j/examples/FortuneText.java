package dev.nn4j.examples;

import dev.nn4j.data.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fortune cookies of Debian's {@code fortunes} package as character ids, for the {@code text}
 * demo: the regular files of the directory (not the {@code .dat} indexes, not the {@code .u8}
 * links, nothing that is a link), in name order, decoded as UTF-8 and concatenated. The
 * vocabulary is {@value #VOCABULARY} symbols: newline is id 0 and the printable ASCII characters
 * {@code ' '..'~'} are ids 1-95; every other character becomes {@code '?'}. The last 5% of the
 * characters ({@code n / 20}) are held out. {@code benchmarks/pytorch_recipes.py text} reads the
 * same characters the same way. Immutable.
 */
final class FortuneText {
    /** Where Debian's {@code fortunes} package puts the cookies. */
    static final Path DEBIAN_FORTUNES = Path.of("/usr/share/games/fortunes");
    /** Newline and the 95 printable ASCII characters. */
    static final int VOCABULARY = 96;
    /** How to get the data. */
    static final String HINT = "install it with 'apt-get install fortunes' (Debian/Ubuntu), or pass --data DIR with"
            + " text files";

    private final List<String> files;
    private final int[] train;
    private final int[] heldOut;

    private FortuneText(List<String> files, int[] ids) {
        this.files = List.copyOf(files);
        int cut = ids.length - ids.length / 20;
        this.train = java.util.Arrays.copyOf(ids, cut);
        this.heldOut = java.util.Arrays.copyOfRange(ids, cut, ids.length);
    }

    /**
     * The text of {@code dir}'s regular files.
     *
     * @throws IllegalArgumentException naming the directory and how to get the data when it holds no text files,
     *     or when the text is too short to hold out windows of {@code context + 1} characters
     */
    static FortuneText load(Path dir, int context) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no fortunes in " + dir.toAbsolutePath() + " (not a directory); " + HINT);
        }
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !name.endsWith(".dat") && !name.endsWith(".u8")) {
                    paths.add(p);
                }
            }
        }
        paths.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        StringBuilder text = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (Path p : paths) {
            text.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            names.add(p.getFileName().toString());
        }
        int[] ids = encode(text.toString());
        if (ids.length / 20 < context + 1) {
            throw new IllegalArgumentException("the text files in " + dir.toAbsolutePath() + " hold " + ids.length
                    + " characters; holding out 5% needs at least " + 20 * (context + 1) + " for a context of " + context
                    + (ids.length == 0 ? "; " + HINT : ""));
        }
        return new FortuneText(names, ids);
    }

    /** The id of a character (a code point): newline 0, {@code ' '..'~'} 1-95, anything else the id of {@code '?'}. */
    static int id(int codePoint) {
        if (codePoint == '\n') {
            return 0;
        }
        return codePoint >= ' ' && codePoint <= '~' ? codePoint - 31 : '?' - 31;
    }

    /** The character of an id in {@code [0, VOCABULARY)}. */
    static char character(int id) {
        if (id < 0 || id >= VOCABULARY) {
            throw new IllegalArgumentException("character id " + id + " is outside [0, " + VOCABULARY + ")");
        }
        return id == 0 ? '\n' : (char) (id + 31);
    }

    /** The ids of {@code text}'s code points. */
    static int[] encode(String text) {
        return text.codePoints().map(FortuneText::id).toArray();
    }

    /** The text of {@code ids}. */
    static String decode(int[] ids, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            sb.append(character(ids[i]));
        }
        return sb.toString();
    }

    /** The files read, in order. */
    List<String> files() {
        return files;
    }

    /** Characters before the held-out part. */
    int trainLength() {
        return train.length;
    }

    /** Characters held out. */
    int heldOutLength() {
        return heldOut.length;
    }

    /**
     * {@code count} training windows at start positions drawn uniformly from
     * {@code [0, trainLength − context − 1]}: each sample's features are {@code context}
     * characters and its targets the {@code context} characters one further on.
     */
    Dataset randomWindows(int count, int context, SplittableRandom random) {
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = random.nextInt(train.length - context);
        }
        return windows(train, starts, context);
    }

    /**
     * The held-out text as windows that do not overlap, {@code k·context} for {@code k = 0, 1, ...}
     * while a window and its next character fit, at most {@code limit} of them (null: all).
     */
    Dataset heldOutWindows(int context, Integer limit) {
        int n = (heldOut.length - 1) / context;
        if (limit != null) {
            n = Math.min(n, limit);
        }
        int[] starts = new int[n];
        for (int k = 0; k < n; k++) {
            starts[k] = k * context;
        }
        return windows(heldOut, starts, context);
    }

    private static Dataset windows(int[] ids, int[] starts, int context) {
        int[] x = new int[starts.length * context];
        int[] y = new int[starts.length * context];
        for (int i = 0; i < starts.length; i++) {
            System.arraycopy(ids, starts[i], x, i * context, context);
            System.arraycopy(ids, starts[i] + 1, y, i * context, context);
        }
        return Dataset.ofTokens(x, context, y, context);
    }
}
