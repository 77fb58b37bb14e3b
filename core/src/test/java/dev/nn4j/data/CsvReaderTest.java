package dev.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path csv(String content) throws Exception {
        return Files.writeString(dir.resolve("data.csv"), content, StandardCharsets.UTF_8);
    }

    @Test
    void classificationByNameWithTheLabelInTheMiddle() throws Exception {
        Path f = csv("x1,class,x2\n1.5,2,-3\n\n 0 , 0 ,2e1\r\n4.,1.0,.5\n");
        Dataset d = CsvReader.labelColumn("class").readClassification(f, 3);
        assertEquals(3, d.size());
        assertEquals(2, d.featureCount());
        assertArrayEquals(new float[] {1.5f, -3f, 0f, 20f, 4f, 0.5f}, d.features());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, d.targets());
    }

    @Test
    void regressionByIndexWithSemicolonsQuotesAndByteOrderMark() throws Exception {
        Path f = csv("\uFEFF\"size; m2\";\"rooms\";price\n\"70.5\";3;\"210000\"\n55;2;150000\n");
        Dataset d = CsvReader.labelColumn(2).delimiter(';').readRegression(f);
        assertEquals(2, d.featureCount());
        assertEquals(1, d.targetCount());
        assertArrayEquals(new float[] {70.5f, 3f, 55f, 2f}, d.features());
        assertArrayEquals(new float[] {210000f, 150000f}, d.targets());
        assertFalse(d.hasLabels());
        Dataset byName = CsvReader.labelColumn("price").delimiter(';').readRegression(f);
        assertArrayEquals(d.targets(), byName.targets());
    }

    @Test
    void quotedHeaderNamesMayHoldCommasAndQuotes() throws Exception {
        Path f = csv("\"weight, kg\",\"the \"\"label\"\"\"\n1,0\n2,1\n");
        Dataset d = CsvReader.labelColumn("the \"label\"").readClassification(f, 2);
        assertArrayEquals(new float[] {1, 2}, d.features());
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.labelColumn("weight").readClassification(f, 2));
        assertTrue(e.getMessage().contains("no column named \"weight\"; the header has [weight, kg, the \"label\"]"),
                e.getMessage());
    }

    private void assertFails(String content, CsvReader reader, String... parts) throws Exception {
        Path f = csv(content);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> reader.readClassification(f, 3));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected \"" + p + "\" in: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "abc      | \"abc\" is not a number",
        "NaN      | \"NaN\" is not a number",
        "Infinity | \"Infinity\" is not a number",
        "1e50     | \"1e50\" is beyond the float range",
        "0x1p3    | \"0x1p3\" is not a number",
        "1.5f     | \"1.5f\" is not a number",
        "1e       | \"1e\" is not a number",
        "-        | \"-\" is not a number"})
    void nonNumericCellsNameFileLineColumnAndText(String cell, String expected) throws Exception {
        assertFails("a,y\n1,0\n" + cell + ",1\n", CsvReader.labelColumn("y"), "line 3, column \"a\": " + expected);
    }

    @Test
    void emptyCellIsNamed() throws Exception {
        assertFails("a,b,y\n1,,2\n", CsvReader.labelColumn(2), "line 2, column \"b\": \"\" is not a number (empty cell)");
    }

    @Test
    void raggedRowsAreRejected() throws Exception {
        CsvReader r = CsvReader.labelColumn("y");
        assertFails("a,b,y\n1,2,0\n1,2\n", r, "line 3 has 2 cells but the header has 3 columns");
        assertFails("a,b,y\n1,2,0,4\n", r, "line 2 has 4 cells but the header has 3 columns");
        assertFails("a,b,y\n1,2,0,\n", r, "line 2 has 4 cells");
    }

    @Test
    void labelsMustBeIntegerClassesInRange() throws Exception {
        CsvReader r = CsvReader.labelColumn("y");
        assertFails("a,y\n1,3\n", r, "line 2, column \"y\": label \"3\" is not a class in 0..2");
        assertFails("a,y\n1,-1\n", r, "label \"-1\" is not a class");
        assertFails("a,y\n1,0.5\n", r, "label \"0.5\" is not a class");
        assertFails("a,y\n1,cat\n", r, "line 2, column \"y\": label \"cat\" is not a class number in 0..2; for class"
                + " names as labels use readClassification(file, classNames), with labelNames(file) to list them");
    }

    @Test
    void structuralProblems() throws Exception {
        assertFails("", CsvReader.labelColumn(0), "line 1: expected a header row", "an empty file");
        assertFails("a,y\n", CsvReader.labelColumn(1), "no data rows after the header [a, y]");
        assertFails("y\n1\n", CsvReader.labelColumn(0), "needs the label column and at least one feature column");
        assertFails("a,y\n1,0\n", CsvReader.labelColumn(2), "label column index 2 is outside the 2 columns [a, y]");
        assertFails("y,a,y\n1,0,1\n", CsvReader.labelColumn("y"), "\"y\" appears more than once");
        assertFails("a,y\n\"1,0\n", CsvReader.labelColumn(1), "line 2, cell 1: quoted cell is not closed");
        assertFails("a,y\n\"1\"x,0\n", CsvReader.labelColumn(1), "line 2, cell 1: unexpected 'x' after the closing quote");
    }

    @Test
    void aFirstRowOfNumbersIsRefusedInsteadOfDroppedAsAHeader() throws Exception {
        String noHeader = "5.1,3.5,0\n4.9,3.0,1\n";
        assertFails(noHeader, CsvReader.labelColumn(2), "line 1 [5.1, 3.5, 0] looks like data, not a header row",
                "every cell is a number", "header(false) reads it as the first data row");
        assertFails("5.1,3.5,setosa\n4.9,3.0,versicolor\n", CsvReader.labelColumn(2), "every cell but one is a number");
        Path f = csv(noHeader);
        Dataset d = CsvReader.labelColumn(2).header(false).readClassification(f, 2);
        assertEquals(2, d.size(), "no row is lost");
        assertArrayEquals(new float[] {5.1f, 3.5f, 4.9f, 3.0f}, d.features());
        assertArrayEquals(new int[] {0, 1}, d.labels());
        assertEquals(1, CsvReader.labelColumn(2).header(true).readClassification(f, 2).size(),
                "header(true): the numbers are column names");
        assertThrows(IllegalArgumentException.class, () -> CsvReader.labelColumn("y").header(false));
        assertFails("1,2,2\n1,x,0\n", CsvReader.labelColumn(2).header(false), "line 2, column \"column 1\": \"x\"");
    }

    @Test
    void classNamesAsLabels() throws Exception {
        Path f = csv("width,species\n1.5,setosa\n2.5, versicolor\n0.5,setosa\n");
        CsvReader r = CsvReader.labelColumn("species");
        assertEquals(java.util.List.of("setosa", "versicolor"), r.labelNames(f));
        Dataset d = r.readClassification(f, java.util.List.of("versicolor", "setosa", "virginica"));
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
        assertEquals(3, d.classCount());
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> r.readClassification(f, java.util.List.of("setosa", "virginica")));
        assertTrue(e.getMessage().endsWith("line 3, column \"species\": label \" versicolor\" is not one of the class"
                + " names [setosa, virginica]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.readClassification(f, java.util.List.of("a", "a")));
    }

    @Test
    void badConfigurationIsRejectedEarly() {
        assertThrows(IllegalArgumentException.class, () -> CsvReader.labelColumn(-1));
        assertThrows(IllegalArgumentException.class, () -> CsvReader.labelColumn(" "));
        assertThrows(IllegalArgumentException.class, () -> CsvReader.labelColumn(0).delimiter('"'));
    }

    @Test
    void growsPastItsInitialBuffers() throws Exception {
        StringBuilder sb = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(i).append(',').append(-i).append(',').append(i * 0.5).append(',').append(i % 3).append('\n');
        }
        Dataset d = CsvReader.labelColumn("y").readClassification(csv(sb.toString()), 3);
        assertEquals(1000, d.size());
        assertEquals(-999f, d.features()[999 * 3 + 1]);
        assertEquals(499.5f, d.features()[999 * 3 + 2]);
        assertEquals(0, d.labels()[999]);
    }
}
