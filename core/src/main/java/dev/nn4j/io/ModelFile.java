package dev.nn4j.io;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.model.Model;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Sequential;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;

/**
 * Saves and loads models in the nn4j model format, version {@value #VERSION}; the file is
 * independent of the backend the model was trained on.
 *
 * <p>Layout (integers big-endian, tensor data little-endian):
 * <pre>
 *   8 bytes   magic "NN4JMODL"
 *   4 bytes   format version
 *   4 bytes   header length H
 *   H bytes   UTF-8 JSON header: {"format":"nn4j-model","version":1,"model":{ModelSpec},
 *             "tensors":[{"name":"layer0.weights","dtype":"FLOAT32","shape":[2,4]}, ...]}
 *   ...       the tensors' elements in header order, row-major
 *   8 bytes   CRC-32 of every byte before it
 * </pre>
 * Optimizer state, when saved, follows the parameters as FLOAT64 tensors named
 * {@code optimizer:<parameter>.<slot>}.
 *
 * <p>{@link #save} is atomic ({@link AtomicFiles}): it writes a temporary file in the target
 * directory, forces it to disk and renames it over the target, so a crash leaves either the old
 * file or the new one; the file gets the permissions of an ordinary write (the umask).
 * {@link #load} checks magic, version, header size, the sizes the header declares against the
 * file's size and the checksum before it allocates any tensor; an ONNX file is recognised and
 * the message points to the ONNX importer.
 *
 * <p>{@link #toBytes}/{@link #write} and {@link #fromBytes}/{@link #read} are the same format
 * in memory or on a stream (byte for byte what {@link #save} writes), for sending a model over
 * a network, e.g. to the workers of a cluster; they check it the same way.
 */
public final class ModelFile {
    /** The newest format version, which graphs are written in; files with a higher version are refused. */
    public static final int VERSION = 2;
    /** The version a {@link Sequential} is written in, byte for byte as nn4j 0.1 wrote it (0.1 reads it). */
    public static final int SEQUENTIAL_VERSION = 1;

    static final byte[] MAGIC = "NN4JMODL".getBytes(StandardCharsets.US_ASCII);
    static final int PREAMBLE = 16;
    static final int TRAILER = 8;
    static final String OPTIMIZER_PREFIX = "optimizer:";
    private static final int MAX_HEADER = 64 << 20;
    /** Largest tensor the loader reads in one piece (a Java byte array). */
    private static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    private ModelFile() {
    }

    /** Saves architecture and parameters (no optimizer state) atomically to {@code file}. */
    public static void save(Model model, Path file) throws IOException {
        save(model, file, false);
    }

    /** Saves atomically; with {@code includeOptimizerState} training can later resume where it stopped. */
    public static void save(Model model, Path file, boolean includeOptimizerState) throws IOException {
        save(model, file, includeOptimizerState, UnaryOperator.identity());
    }

    /** As {@link #save(Model, Path, boolean)}, with a hook around the output stream (tests simulate crashes). */
    static void save(Model model, Path file, boolean includeOptimizerState, UnaryOperator<OutputStream> wrap)
            throws IOException {
        GraphModel graph = graph("save", model);
        AtomicFiles.write(file, out -> {
            OutputStream wrapped = wrap.apply(out);
            writeFormat(graph, includeOptimizerState, wrapped);
            wrapped.flush();
        });
    }

    /**
     * Writes the model in this format to {@code out} (buffer it; not closed): the bytes
     * {@link #save} would put in a file.
     */
    public static void write(Model model, boolean includeOptimizerState, OutputStream out) throws IOException {
        writeFormat(graph("write", model), includeOptimizerState, out);
    }

    /** The model in this format as one array (the bytes {@link #save} would put in a file). */
    public static byte[] toBytes(Model model, boolean includeOptimizerState) {
        GraphModel graph = graph("toBytes", model);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(
                (int) Math.min(Integer.MAX_VALUE - 8, 4096 + graph.parameterCount() * (includeOptimizerState ? 20 : 4)));
        try {
            writeFormat(graph, includeOptimizerState, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("toBytes: a byte array cannot fail to write", e);
        }
        return out.toByteArray();
    }

    /** Model files store the models nn4j builds: {@link Sequential} (version 1) and {@link GraphModel} (version 2). */
    private static GraphModel graph(String op, Model model) {
        if (model instanceof GraphModel g) {
            return g;
        }
        throw new IllegalArgumentException("ModelFile " + op + ": model files store Sequential and GraphModel models;"
                + " got a " + model.getClass().getName());
    }

    private static void writeFormat(GraphModel model, boolean withState, OutputStream raw) throws IOException {
        int version = model instanceof Sequential ? SEQUENTIAL_VERSION : VERSION;
        List<Entry> entries = new ArrayList<>();
        for (Parameter p : model.savedTensors()) {
            entries.add(new Entry(p.name(), model.dtype(), p.shape().dims(), p.value().toDoubleArray()));
        }
        if (withState) {
            for (Map.Entry<String, double[]> e : model.optimizer().exportState(model.parameters()).entrySet()) {
                entries.add(new Entry(OPTIMIZER_PREFIX + e.getKey(), DType.FLOAT64, new int[] {e.getValue().length},
                        e.getValue()));
            }
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "nn4j-model");
        header.put("version", version);
        header.put("model", model instanceof Sequential s ? ModelSpec.describe(s) : ModelSpec.describeGraph(model));
        List<Object> tensors = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", e.name);
            t.put("dtype", e.dtype.name());
            t.put("shape", e.shape);
            tensors.add(t);
        }
        header.put("tensors", tensors);
        byte[] json = JSON.std.asBytes(header);

        CRC32 crc = new CRC32();
        ByteBuffer pre = ByteBuffer.allocate(PREAMBLE).put(MAGIC).putInt(version).putInt(json.length);
        emit(raw, crc, pre.array(), PREAMBLE);
        emit(raw, crc, json, json.length);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : entries) {
            for (double v : e.values) {
                if (buf.remaining() < 8) {
                    emit(raw, crc, buf.array(), buf.position());
                    buf.clear();
                }
                if (e.dtype == DType.FLOAT32) {
                    buf.putFloat((float) v);
                } else {
                    buf.putDouble(v);
                }
            }
        }
        emit(raw, crc, buf.array(), buf.position());
        raw.write(ByteBuffer.allocate(TRAILER).putLong(crc.getValue()).array());
    }

    private static void emit(OutputStream out, CRC32 crc, byte[] bytes, int length) throws IOException {
        crc.update(bytes, 0, length);
        out.write(bytes, 0, length);
    }

    private record Entry(String name, DType dtype, int[] shape, double[] values) {
    }

    /**
     * Loads a model of either version onto {@code backend} (null: the default backend) as
     * {@code dtype} (null: as saved): a {@link Sequential} from a version 1 file, a
     * {@link GraphModel} from a version 2 file, with the checks of {@link #load(Path, Backend, DType)}.
     */
    public static GraphModel loadGraph(Path file, Backend backend, DType dtype) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(new FileSource(ch, ch.size()), file, backend, dtype);
        }
    }

    /** {@link #loadGraph(Path, Backend, DType)} onto the default backend, as saved. */
    public static GraphModel loadGraph(Path file) throws IOException {
        return loadGraph(file, null, null);
    }

    /** {@link #loadGraph(Path, Backend, DType)} from bytes, with the checks of {@link #fromBytes}. */
    public static GraphModel graphFromBytes(byte[] bytes, Backend backend, DType dtype) throws ModelFormatException {
        try {
            return parse(new ArraySource(bytes), null, backend, dtype);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(null, "reading a byte array failed: " + e.getMessage(), e);
        }
    }

    /** A loaded model as the {@code Sequential} the caller asked for, or an error naming {@link #loadGraph}. */
    private static Sequential sequential(Path file, GraphModel model) throws ModelFormatException {
        if (model instanceof Sequential s) {
            return s;
        }
        model.close();
        throw new ModelFormatException(file, "the file holds a graph model (format version " + VERSION + "), not a"
                + " Sequential; load it with ModelFile.loadGraph");
    }

    /** Loads a model onto the default backend, in the dtype it was saved with. */
    public static Sequential load(Path file) throws IOException {
        return load(file, null, null);
    }

    /** Loads a model onto {@code backend}, in the dtype it was saved with. */
    public static Sequential load(Path file, Backend backend) throws IOException {
        return load(file, backend, null);
    }

    /**
     * Loads a model onto {@code backend} (null: the default backend) as {@code dtype} (null:
     * as saved; otherwise FLOAT32 or FLOAT64, an integer dtype throws {@link IllegalArgumentException}).
     * Optimizer state stored in the file is restored into the model's optimizer.
     */
    public static Sequential load(Path file, Backend backend, DType dtype) throws IOException {
        return sequential(file, loadGraph(file, backend, dtype));
    }

    /**
     * Reads a model from bytes in this format (as {@link #toBytes} or {@link #save} wrote them)
     * onto {@code backend} (null: the default) as {@code dtype} (null: as saved), with the
     * checks of {@link #load}; optimizer state in the bytes is restored.
     */
    public static Sequential fromBytes(byte[] bytes, Backend backend, DType dtype) throws ModelFormatException {
        return sequential(null, graphFromBytes(bytes, backend, dtype));
    }

    /** Reads {@code in} to its end (not closed) and parses the bytes as {@link #fromBytes} does. */
    public static Sequential read(InputStream in, Backend backend, DType dtype) throws IOException {
        return fromBytes(in.readAllBytes(), backend, dtype);
    }

    /**
     * True when {@code start} begins like a serialized ONNX {@code ModelProto}: field 1
     * ({@code ir_version}, a small varint), then field 2, 3, 7 or 8 (producer name or version,
     * graph, opset import), as every exporter writes them first.
     */
    static boolean looksLikeOnnx(byte[] start) {
        return start.length >= 3 && start[0] == 0x08 && start[1] > 0 && start[1] < 0x20
                && (start[2] == 0x12 || start[2] == 0x1a || start[2] == 0x3a || start[2] == 0x42);
    }

    private static GraphModel parse(Source ch, Path file, Backend backend, DType dtype) throws IOException {
        if (dtype != null && !dtype.isFloating()) {
            throw new IllegalArgumentException("model load: dtype " + dtype
                    + " is not a floating type; a model's dtype is FLOAT32 or FLOAT64");
        }
        long size = ch.size();
        if (size < PREAMBLE + TRAILER + 2) {
            throw new ModelFormatException(file, "file is " + size + " bytes, too short for an nn4j model (at least "
                    + (PREAMBLE + TRAILER + 2) + ")");
        }
        ByteBuffer pre = readFully(ch, 0, PREAMBLE, file);
        byte[] magic = new byte[MAGIC.length];
        pre.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new ModelFormatException(file, "not an nn4j model file: starts with " + hex(magic)
                    + ", expected " + hex(MAGIC) + " (\"NN4JMODL\")" + (looksLikeOnnx(magic)
                    ? "; it looks like an ONNX model: load it with dev.nn4j.onnx.OnnxImport.load(path, backend)"
                    + " (artifact dev.nn4j:nn4j-onnx)" : ""));
        }
        int version = pre.getInt();
        if (version < 1 || version > VERSION) {
            throw new ModelFormatException(file, "format version " + version + " is not supported; this nn4j reads "
                    + "versions 1 to " + VERSION + (version > VERSION ? " (the file was written by a newer nn4j)" : ""));
        }
        long headerLength = pre.getInt() & 0xffffffffL;
        long room = size - PREAMBLE - TRAILER;
        if (headerLength < 2 || headerLength > room || headerLength > MAX_HEADER) {
            throw new ModelFormatException(file, "header length " + headerLength + " does not fit a file of " + size
                    + " bytes");
        }
        Map<String, Object> header = parseHeader(file, readFully(ch, PREAMBLE, (int) headerLength, file));
        List<TensorInfo> tensors = tensorInfos(file, header);
        long declared = 0;
        for (TensorInfo t : tensors) {
            declared += t.bytes();
        }
        long payload = room - headerLength;
        if (declared != payload) {
            throw new ModelFormatException(file, "the header declares " + declared + " bytes of tensor data but the file"
                    + " holds " + payload + (declared > payload ? " (truncated?)" : " (trailing bytes?)"));
        }
        verifyChecksum(ch, size, file);

        Map<String, Object> spec = requireModel(file, header);
        long parameterValues = 0;
        for (TensorInfo t : tensors) {
            parameterValues += t.name.startsWith(OPTIMIZER_PREFIX) ? 0 : t.count;
        }
        GraphModel model = build(file, version, spec, backend, dtype, parameterValues);
        long offset = PREAMBLE + headerLength;
        Map<String, double[]> state = new HashMap<>();
        List<Parameter> params = model.savedTensors();
        int paramIndex = 0;
        for (TensorInfo t : tensors) {
            double[] values = readValues(ch, offset, t, file);
            offset += t.bytes();
            if (t.name.startsWith(OPTIMIZER_PREFIX)) {
                state.put(t.name.substring(OPTIMIZER_PREFIX.length()), values);
                continue;
            }
            if (paramIndex >= params.size()) {
                throw new ModelFormatException(file, "tensor '" + t.name + "' has no matching parameter; the model has "
                        + params.size());
            }
            Parameter p = params.get(paramIndex++);
            if (!p.name().equals(t.name) || !java.util.Arrays.equals(p.shape().dims(), t.shape)) {
                throw new ModelFormatException(file, "tensor '" + t.name + "' " + java.util.Arrays.toString(t.shape)
                        + " does not match parameter '" + p.name() + "' " + p.shape());
            }
            p.set(values);
        }
        if (paramIndex != params.size()) {
            throw new ModelFormatException(file, "the file holds " + paramIndex + " parameter tensors, the model needs "
                    + params.size());
        }
        if (!state.isEmpty()) {
            try {
                model.optimizer().importState(model.parameters(), state);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, "optimizer state: " + e.getMessage(), e);
            }
        }
        return model;
    }

    /** The model {@code spec} describes, its sizes checked against the {@code held} values before anything is allocated. */
    private static GraphModel build(Path file, int version, Map<String, Object> spec, Backend backend, DType dtype,
                                    long held) throws ModelFormatException {
        Sequential.Builder chain = null;
        ModelSpec.GraphSpec graph = null;
        try {
            if (version == SEQUENTIAL_VERSION) {
                chain = ModelSpec.rebuild(spec, backend, dtype);
            } else {
                graph = ModelSpec.rebuildGraph(spec, backend, dtype);
            }
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file, e.getMessage(), e);
        }
        if (chain != null) {
            DeclaredSizes.check(file, spec, "layers", chain::storedValuesPerLayer, held);
        } else {
            ModelSpec.GraphSpec g = graph;
            DeclaredSizes.check(file, spec, "nodes", () -> {
                long[] values = g.builder().storedValuesPerNode();
                if (values.length != g.nodes()) {
                    throw new IllegalStateException("the file lists " + g.nodes() + " nodes but only " + values.length
                            + " lead to an output");
                }
                return values;
            }, held);
        }
        GraphModel model;
        try {
            model = chain != null ? chain.build() : graph.builder().build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ModelFormatException(file, "invalid model architecture: " + e.getMessage(), e);
        }
        return model;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requireModel(Path file, Map<String, Object> header) throws ModelFormatException {
        try {
            return ModelSpec.require(header, "model", Map.class);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file, e.getMessage(), e);
        }
    }

    private record TensorInfo(String name, DType dtype, int[] shape, long count) {
        long bytes() {
            return count * dtype.bytes();
        }
    }

    private static Map<String, Object> parseHeader(Path file, ByteBuffer bytes) throws ModelFormatException {
        Map<String, Object> header;
        try {
            header = JSON.std.mapFrom(new String(bytes.array(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!"nn4j-model".equals(header.get("format"))) {
            throw new ModelFormatException(file, "header format is '" + header.get("format") + "', expected 'nn4j-model'");
        }
        return header;
    }

    private static List<TensorInfo> tensorInfos(Path file, Map<String, Object> header) throws ModelFormatException {
        List<?> raw;
        try {
            raw = ModelSpec.require(header, "tensors", List.class);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file, e.getMessage());
        }
        List<TensorInfo> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> t = (Map<String, Object>) raw.get(i);
                String name = ModelSpec.require(t, "name", String.class);
                DType dtype = DType.valueOf(ModelSpec.require(t, "dtype", String.class));
                if (!dtype.isFloating()) {
                    throw new ModelFormatException(null, "dtype " + dtype
                            + " is not supported; model files hold FLOAT32 or FLOAT64 tensors");
                }
                List<?> dims = ModelSpec.require(t, "shape", List.class);
                if (dims.isEmpty() || dims.size() > 4) {
                    throw new ModelFormatException(null, "shape must have 1 to 4 dimensions, got " + dims);
                }
                int[] shape = new int[dims.size()];
                long count = 1;
                for (int d = 0; d < shape.length; d++) {
                    long v = ((Number) dims.get(d)).longValue();
                    if (v < 1 || v > Integer.MAX_VALUE) {
                        throw new ModelFormatException(null, "shape " + dims + " has an impossible dimension");
                    }
                    shape[d] = (int) v;
                    count *= v;
                    if (count > Integer.MAX_VALUE) {
                        throw new ModelFormatException(null, "shape " + dims + " is too large");
                    }
                }
                out.add(new TensorInfo(name, dtype, shape, count));
            } catch (ModelFormatException | ClassCastException | IllegalArgumentException e) {
                throw new ModelFormatException(file, "tensors[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void verifyChecksum(Source ch, long size, Path file) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = 0;
        long end = size - TRAILER;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new ModelFormatException(file, "file ended at byte " + pos + " while checking the checksum");
            }
            crc.update(buf.array(), 0, n);
            pos += n;
        }
        long stored = readFully(ch, end, TRAILER, file).getLong();
        if (stored != crc.getValue()) {
            throw new ModelFormatException(file, String.format("checksum mismatch: stored %08x, computed %08x; the file"
                    + " is corrupt", stored, crc.getValue()));
        }
    }

    private static double[] readValues(Source ch, long offset, TensorInfo t, Path file) throws IOException {
        if (t.bytes() > MAX_TENSOR_BYTES) {
            throw new ModelFormatException(file, "tensor '" + t.name + "' is " + t.bytes() + " bytes, more than the "
                    + MAX_TENSOR_BYTES + " this loader reads into one array");
        }
        ByteBuffer bytes = readFully(ch, offset, (int) t.bytes(), file).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(int) t.count];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.dtype == DType.FLOAT32 ? bytes.getFloat() : bytes.getDouble();
            if (!Double.isFinite(values[i])) {
                throw new ModelFormatException(file, "tensor '" + t.name + "' holds a non-finite value at index " + i);
            }
        }
        return values;
    }

    private static ByteBuffer readFully(Source ch, long position, int length, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw new ModelFormatException(file, "file ended at byte " + (position + buf.position()) + ", expected "
                        + length + " bytes from " + position);
            }
        }
        return buf.flip();
    }

    /** Positional reads from a file or an array, so both are parsed by one piece of code. */
    private interface Source {
        long size();

        /** Reads into {@code dst} from {@code position}; the count, or -1 at the end. */
        int read(ByteBuffer dst, long position) throws IOException;
    }

    private record FileSource(FileChannel channel, long size) implements Source {
        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }
    }

    private record ArraySource(byte[] bytes) implements Source {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            return n;
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
