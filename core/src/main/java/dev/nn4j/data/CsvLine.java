package dev.nn4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into cells (RFC 4180 within a line): cells are separated by the
 * delimiter; a cell that starts with a double quote runs to the matching quote, may contain
 * the delimiter, and writes a literal quote as {@code ""}. Line breaks inside quotes are not
 * supported and are reported as an unterminated quote.
 */
final class CsvLine {
    private CsvLine() {
    }

    /** The cells of {@code line} (line number {@code lineNo} of {@code file}, for messages). */
    static List<String> split(String line, char delimiter, Path file, int lineNo) throws MalformedDataException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int n = line.length();
        int i = 0;
        while (true) {
            cell.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i = quoted(line, i + 1, cell, file, lineNo, cells.size() + 1);
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new MalformedDataException(file, "line " + lineNo + ", cell " + (cells.size() + 1)
                            + ": unexpected '" + line.charAt(i) + "' after the closing quote of \"" + cell + "\"");
                }
            } else {
                while (i < n && line.charAt(i) != delimiter) {
                    cell.append(line.charAt(i++));
                }
            }
            cells.add(cell.toString());
            if (i >= n) {
                return cells;
            }
            i++;
        }
    }

    /** Reads a quoted cell starting after its opening quote; returns the index after the closing quote. */
    private static int quoted(String line, int start, StringBuilder cell, Path file, int lineNo, int cellNo)
            throws MalformedDataException {
        int n = line.length();
        int i = start;
        while (i < n) {
            char ch = line.charAt(i++);
            if (ch != '"') {
                cell.append(ch);
            } else if (i < n && line.charAt(i) == '"') {
                cell.append('"');
                i++;
            } else {
                return i;
            }
        }
        throw new MalformedDataException(file, "line " + lineNo + ", cell " + cellNo
                + ": quoted cell is not closed before the end of the line (line breaks inside quotes are not supported)");
    }
}
