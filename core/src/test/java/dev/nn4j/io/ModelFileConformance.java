package dev.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.train.FitConfig;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files on one backend: round trips (parameters, architecture, optimizer state),
 * atomic save, and every kind of corrupt file. Each backend module runs it.
 */
public abstract class ModelFileConformance {

    /** The backend under test. */
    protected abstract Backend backend();

    @TempDir
    Path dir;

    private static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.5, 0.25}};
    private static final double[][] Y = {{1, 0}, {0, 1}, {0, 1}, {1, 0}, {1, 0}};

    private Sequential model(DType dtype) {
        return Sequential.builder().input(2).dense(5, Activation.leakyRelu(0.05)).dense(2, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01)).initializer(Initializer.HE)
                .seed(7).backend(backend()).dtype(dtype).build();
    }

    private Sequential trained() {
        Sequential m = model(DType.FLOAT32);
        m.fit(Dataset.of(X, Y), FitConfig.builder().epochs(5).batchSize(2).seed(3).build());
        return m;
    }

    @Test
    void roundTripKeepsArchitectureParametersAndPredictions() throws IOException {
        Sequential m = trained();
        Path file = dir.resolve("m.nn4j");
        ModelFile.save(m, file);
        Sequential back = ModelFile.load(file, backend());
        assertEquals(ModelSpec.describe(m), ModelSpec.describe(back));
        for (int i = 0; i < m.parameters().size(); i++) {
            assertArrayEquals(m.parameters().get(i).value().toFloatArray(), back.parameters().get(i).value().toFloatArray());
        }
        double[][] p = m.predict(X);
        double[][] q = back.predict(X);
        for (int i = 0; i < p.length; i++) {
            assertArrayEquals(p[i], q[i], 0.0);
        }
    }

    @Test
    void float64ModelsKeepEveryBit() throws IOException {
        Sequential m = model(DType.FLOAT64);
        Path file = dir.resolve("f64.nn4j");
        ModelFile.save(m, file);
        Sequential back = ModelFile.load(file, backend());
        assertEquals(DType.FLOAT64, back.dtype());
        assertArrayEquals(m.parameters().get(0).value().toDoubleArray(), back.parameters().get(0).value().toDoubleArray(), 0.0);
    }

    @Test
    void optimizerStateLetsTrainingResumeExactly() throws IOException {
        Sequential m = trained();
        Path file = dir.resolve("resume.nn4j");
        ModelFile.save(m, file, true);
        Sequential back = ModelFile.load(file, backend());
        FitConfig more = FitConfig.builder().epochs(2).batchSize(2).seed(11).build();
        m.fit(Dataset.of(X, Y), more);
        back.fit(Dataset.of(X, Y), more);
        assertArrayEquals(m.parameters().get(0).value().toFloatArray(), back.parameters().get(0).value().toFloatArray());

        Path plain = dir.resolve("no-state.nn4j");
        ModelFile.save(m, plain, false);
        assertTrue(Files.size(plain) < Files.size(file), "optimizer state must make the file larger");
    }

    @Test
    void optimizerStateSavedBeforeTheFirstStepLoadsAsAFreshOptimizer() throws IOException {
        Path file = dir.resolve("untrained.nn4j");
        ModelFile.save(model(DType.FLOAT32), file, true);
        Sequential back = ModelFile.load(file, backend());
        Sequential fresh = model(DType.FLOAT32);
        FitConfig fit = FitConfig.builder().epochs(2).batchSize(2).seed(5).build();
        back.fit(Dataset.of(X, Y), fit);
        fresh.fit(Dataset.of(X, Y), fit);
        for (int i = 0; i < fresh.parameters().size(); i++) {
            assertArrayEquals(fresh.parameters().get(i).value().toFloatArray(),
                    back.parameters().get(i).value().toFloatArray(), "parameter " + i);
        }
    }

    @Test
    void aCrashDuringSaveLeavesTheOldFileIntact() throws IOException {
        Path file = dir.resolve("model.nn4j");
        Sequential m = trained();
        ModelFile.save(m, file);
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class,
                () -> ModelFile.save(model(DType.FLOAT32), file, false, out -> new FailAfter(out, 100)));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
        ModelFile.load(file, backend());
    }

    @Test
    void bytesInMemoryAreExactlyTheFileAndRoundTripWithOptimizerState() throws IOException {
        Sequential m = trained();
        Path file = dir.resolve("same.nn4j");
        ModelFile.save(m, file, true);
        byte[] bytes = ModelFile.toBytes(m, true);
        assertArrayEquals(Files.readAllBytes(file), bytes, "toBytes must write the file format byte for byte");
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        ModelFile.write(m, false, stream);
        assertArrayEquals(ModelFile.toBytes(m, false), stream.toByteArray());

        Sequential fromArray = ModelFile.fromBytes(bytes, backend(), null);
        Sequential fromStream = ModelFile.read(new java.io.ByteArrayInputStream(bytes), backend(), DType.FLOAT64);
        assertEquals(DType.FLOAT64, fromStream.dtype());
        assertEquals(ModelSpec.describe(m), ModelSpec.describe(fromArray));
        assertEquals(m.optimizer().exportState(m.parameters()).keySet(),
                fromArray.optimizer().exportState(fromArray.parameters()).keySet());
        FitConfig more = FitConfig.builder().epochs(2).batchSize(2).seed(11).build();
        m.fit(Dataset.of(X, Y), more);
        fromArray.fit(Dataset.of(X, Y), more);
        for (int i = 0; i < m.parameters().size(); i++) {
            assertArrayEquals(m.parameters().get(i).value().toFloatArray(),
                    fromArray.parameters().get(i).value().toFloatArray(), "resumed training must match exactly");
        }
    }

    @Test
    void corruptBytesAreRefusedWithoutAFileName() throws IOException {
        byte[] good = ModelFile.toBytes(trained(), false);
        byte[] flipped = good.clone();
        flipped[good.length - 12] ^= 0x10;
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.fromBytes(flipped, backend(), null));
        assertTrue(e.getMessage().startsWith("checksum mismatch"), e.getMessage());
        e = assertThrows(ModelFormatException.class,
                () -> ModelFile.fromBytes(java.util.Arrays.copyOf(good, good.length - 4), backend(), null));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(new byte[3], backend(), null));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    /** An output stream that fails once {@code limit} bytes have been written. */
    private static final class FailAfter extends FilterOutputStream {
        private long left;

        FailAfter(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("disk full (simulated)");
            }
            left -= len;
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("good.nn4j");
        ModelFile.save(trained(), file);
        return file;
    }

    private String loadError(byte[] bytes) throws IOException {
        Path bad = dir.resolve("bad.nn4j");
        Files.write(bad, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(bad, backend()));
        assertTrue(e.getMessage().startsWith(bad.toString() + ": "), e.getMessage());
        return e.getMessage().substring(bad.toString().length() + 2);
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        String msg = loadError(java.util.Arrays.copyOf(good, good.length - 20));
        assertTrue(msg.contains("truncated") || msg.contains("declares"), msg);
        assertTrue(loadError(new byte[5]).contains("too short"));
    }

    @Test
    void wrongMagicIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        bytes[0] = 'X';
        assertTrue(loadError(bytes).startsWith("not an nn4j model file: starts with 584e344a4d4f444c"));
    }

    @Test
    void newerVersionIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        ByteBuffer.wrap(bytes).putInt(8, 9);
        assertEquals("format version 9 is not supported; this nn4j reads versions 1 to 2 (the file was written by a newer nn4j)",
                loadError(bytes));
    }

    @Test
    void hugeHeaderLengthFailsBeforeAllocating() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        ByteBuffer.wrap(bytes).putInt(12, Integer.MAX_VALUE);
        assertTrue(loadError(bytes).startsWith("header length 2147483647 does not fit a file of"));
    }

    @Test
    void flippedPayloadByteFailsTheChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        bytes[bytes.length - 12] ^= 0x10;
        assertTrue(loadError(bytes).startsWith("checksum mismatch"));
    }

    @Test
    void headerClaimingHugeTensorsIsCheckedAgainstTheFileSize() throws IOException {
        String header = "{\"format\":\"nn4j-model\",\"version\":1,\"model\":{},\"tensors\":"
                + "[{\"name\":\"layer0.weights\",\"dtype\":\"FLOAT64\",\"shape\":[40000,40000]}]}";
        String msg = loadError(file(header, new byte[16]));
        assertTrue(msg.startsWith("the header declares 12800000000 bytes of tensor data but the file holds 16"), msg);
        assertTrue(loadError(file("{not json", new byte[0])).startsWith("header is not valid JSON"));
    }

    @Test
    void architectureErrorsNameTheField() throws IOException {
        String header = "{\"format\":\"nn4j-model\",\"version\":1,\"model\":{\"type\":\"sequential\",\"input\":2,"
                + "\"dtype\":\"FLOAT32\",\"seed\":1,\"initializer\":\"xavier\",\"layers\":[{\"type\":\"dense\","
                + "\"inputs\":2,\"outputs\":1,\"activation\":\"swish\"}],\"loss\":\"mse\",\"optimizer\":{\"id\":\"sgd\","
                + "\"config\":{\"learning_rate\":0.1}}},\"tensors\":[]}";
        String msg = loadError(file(header, new byte[0]));
        assertTrue(msg.startsWith("invalid model architecture: activation: unknown 'swish'"), msg);
    }

    /** A well-formed container (magic, version, header, payload, valid checksum) around any header. */
    private static byte[] file(String header, byte[] payload) {
        return ModelFiles.framed(header, payload);
    }
}
