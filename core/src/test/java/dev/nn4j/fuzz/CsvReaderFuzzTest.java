package dev.nn4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nn4j.data.CsvReader;
import dev.nn4j.data.MalformedDataException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuzzes {@link CsvReader}: any bytes (not only valid UTF-8), any label column and class
 * count, give a dataset or {@link MalformedDataException}; anything else is a finding.
 */
class CsvReaderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void readCsv(FuzzedDataProvider data) {
        target(data);
    }

    static void target(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 3);
        int column = data.consumeInt(0, 4);
        int classes = data.consumeInt(2, 5);
        char delimiter = data.pickValue(new Character[] {',', ';', '\t'});
        Path file = FuzzFiles.write(".csv", data.consumeRemainingAsBytes());
        CsvReader reader = (mode % 2 == 0 ? CsvReader.labelColumn(column) : CsvReader.labelColumn("y"))
                .delimiter(delimiter);
        try {
            if (mode < 2) {
                reader.readClassification(file, classes);
            } else {
                reader.readRegression(file);
            }
        } catch (MalformedDataException expected) {
            // the documented failure
        } catch (IOException e) {
            throw new AssertionError("CsvReader threw a raw " + e, e);
        }
    }
}
