package dev.nn4j.nd4j;

import dev.nn4j.backend.array.ArrayCasts;
import dev.nn4j.tensor.DType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The elements of one ND4J buffer, shared by the tensor that owns it and every view of it
 * ({@link Nd4jTensor#view}: a reshape covers the whole buffer, so all of them see the same
 * elements in the same order). They live in native memory and, once a kernel has run on the
 * heap ({@link Nd4jKernels}, below {@link Nd4jBackend#hostBelow()}), also in a heap mirror.
 *
 * <p><b>Which copy is current.</b> Two flags, like ND4J's own host/device flags on CUDA: the
 * native copy, the heap copy, or both hold the current elements; never neither. Readers call
 * {@link #toNative()} or {@link #toHost()} first (a copy when their side is stale, else
 * nothing); writers then call {@link #nativeWritten()} or {@link #hostWritten()}, which marks
 * the other side stale. Because views share this object, a write through any of them makes the
 * other copy stale for all of them. A tensor that never runs a heap kernel has no mirror and
 * stays native-only, exactly as without one.
 *
 * <p><b>Copies</b> go through a {@link FloatBuffer}/{@link DoubleBuffer}/{@link IntBuffer}/
 * {@link LongBuffer} view of the native memory (a bulk memory copy, ~0.1 ns per element;
 * ND4J's {@code asFloat()} and {@code setData} cost ~5 ns per element). The mirror is the Java
 * array of the dtype ({@code float[]}, {@code double[]}, {@code int[]}, {@code long[]}). Reads
 * and writes through an array of another element type go through one of the storage's own type
 * (allocated for the call) and convert with {@link ArrayCasts}, the cast rule of every backend. On CUDA
 * {@link Nd4jBackend#hostBelow()} is 0, so a mirror is made only for the primitive cases that have
 * no native path ({@link Nd4jPrimitives}), and the buffer views are never used: device memory is
 * not host memory, so the copies go through ND4J's {@code asX()} and {@code setData}, which
 * synchronise with the device themselves (never run on a GPU).
 *
 * <p><b>Threads.</b> Writes need one thread at a time, as for every tensor. Reads may run on
 * many threads at once (a model predicting on several threads reads its weights
 * concurrently), and a read may have to copy: {@link #toHost()} and {@link #toNative()} copy
 * under this object's lock and publish the copy through the volatile flags, so a reader that
 * finds its side current also sees its elements. A read whose side is current takes no lock.
 */
final class Nd4jStorage {
    private final INDArray array;
    private final DType dtype;
    private final int size;
    /** The heap mirror: the Java array of {@code dtype}, made on first use. */
    private Object mirror;
    /** The {@code FloatBuffer}, {@code DoubleBuffer}, {@code IntBuffer} or {@code LongBuffer} view of native memory (CPU only). */
    private java.nio.Buffer nativeView;
    private volatile boolean nativeCurrent = true;
    private volatile boolean hostCurrent;
    private boolean closed;

    /** The storage of {@code array} ('c' order, contiguous from offset 0, {@code size} elements of {@code dtype}). */
    Nd4jStorage(INDArray array, DType dtype, int size) {
        this.array = array;
        this.dtype = dtype;
        this.size = size;
    }

    /** The owner's native array (views reshape it; no synchronisation). */
    INDArray array() {
        return array;
    }

    /** True once the heap mirror exists (a heap kernel ran on this buffer and it is still open). */
    boolean hasMirror() {
        return mirror != null;
    }

    /** True when the heap mirror holds the current elements. */
    boolean hostCurrent() {
        return hostCurrent;
    }

    /** True when the native buffer holds the current elements. */
    boolean nativeCurrent() {
        return nativeCurrent;
    }

    /**
     * The heap mirror, made on first use: a {@code float[]}, {@code double[]}, {@code int[]} or
     * {@code long[]} of {@code size} elements as the dtype says; call {@link #toHost()} before reading it.
     */
    Object mirror() {
        if (mirror == null) {
            mirror = switch (dtype) {
                case FLOAT32 -> new float[size];
                case FLOAT64 -> new double[size];
                case INT32 -> new int[size];
                case INT64 -> new long[size];
            };
        }
        return mirror;
    }

    /** Makes the heap mirror current: copies native to heap if the mirror is missing or stale. */
    void toHost() {
        if (!hostCurrent) {
            copy(true);
        }
    }

    /** Makes the native buffer current: copies heap to native if the heap holds the only current copy. */
    void toNative() {
        if (!nativeCurrent) {
            copy(false);
        }
    }

    /** Copies the current side onto the stale one; the volatile write of the flag publishes the elements. */
    private synchronized void copy(boolean toHost) {
        if (toHost ? hostCurrent : nativeCurrent) {
            return;
        }
        if (toHost) {
            nativeGet(mirror(), 0);
            hostCurrent = true;
        } else {
            nativePut(mirror, 0);
            nativeCurrent = true;
        }
    }

    /** After a heap write (made after {@link #toHost()}): the native buffer is stale. */
    void hostWritten() {
        if (nativeCurrent) {
            nativeCurrent = false;
        }
    }

    /** After a native write (made after {@link #toNative()}): the heap mirror, if any, is stale. */
    void nativeWritten() {
        if (hostCurrent) {
            hostCurrent = false;
        }
    }

    /** After every element was overwritten on the heap ({@code onHost}) or in native memory. */
    private void overwritten(boolean onHost) {
        if (onHost) {
            hostCurrent = true;
            nativeCurrent = false;
        } else {
            nativeCurrent = true;
            hostCurrent = false;
        }
    }

    /** True after {@link #close()}. */
    boolean isClosed() {
        return closed;
    }

    /** Frees the native buffer and drops the mirror; idempotent. */
    void close() {
        if (!closed) {
            closed = true;
            mirror = null;
            nativeView = null;
            if (array.closeable()) {
                array.close();
            }
        }
    }

    /** The buffer view of native memory for the dtype (CPU only), made on first use. */
    private java.nio.Buffer nativeView() {
        if (nativeView == null) {
            DataBuffer data = array.data();
            nativeView = switch (dtype) {
                case FLOAT32 -> data.asNioFloat();
                case FLOAT64 -> data.asNioDouble();
                case INT32 -> data.asNioInt();
                case INT64 -> data.asNioLong();
            };
        }
        return nativeView;
    }

    /**
     * Copies the {@code size} native elements into {@code dst[offset ..]}, an array of the
     * dtype's Java type: a memory copy through the buffer view on CPU, ND4J's {@code asX()} on CUDA.
     */
    private void nativeGet(Object dst, int offset) {
        if (Nd4jRuntime.onCuda()) {
            DataBuffer data = array.data();
            Object all = switch (dtype) {
                case FLOAT32 -> data.asFloat();
                case FLOAT64 -> data.asDouble();
                case INT32 -> data.asInt();
                case INT64 -> data.asLong();
            };
            System.arraycopy(all, 0, dst, offset, size);
            return;
        }
        java.nio.Buffer view = nativeView();
        switch (dtype) {
            case FLOAT32 -> ((FloatBuffer) view).get(0, (float[]) dst, offset, size);
            case FLOAT64 -> ((DoubleBuffer) view).get(0, (double[]) dst, offset, size);
            case INT32 -> ((IntBuffer) view).get(0, (int[]) dst, offset, size);
            case INT64 -> ((LongBuffer) view).get(0, (long[]) dst, offset, size);
        }
    }

    /**
     * Overwrites the {@code size} native elements from {@code src[offset ..]}, an array of the
     * dtype's Java type: a memory copy through the buffer view on CPU, ND4J's {@code setData} on CUDA.
     */
    private void nativePut(Object src, int offset) {
        if (Nd4jRuntime.onCuda()) {
            Object part = src;
            if (offset != 0 || java.lang.reflect.Array.getLength(src) != size) {
                part = newOwn();
                System.arraycopy(src, offset, part, 0, size);
            }
            DataBuffer data = array.data();
            switch (dtype) {
                case FLOAT32 -> data.setData((float[]) part);
                case FLOAT64 -> data.setData((double[]) part);
                case INT32 -> data.setData((int[]) part);
                case INT64 -> data.setData((long[]) part);
            }
            return;
        }
        java.nio.Buffer view = nativeView();
        switch (dtype) {
            case FLOAT32 -> ((FloatBuffer) view).put(0, (float[]) src, offset, size);
            case FLOAT64 -> ((DoubleBuffer) view).put(0, (double[]) src, offset, size);
            case INT32 -> ((IntBuffer) view).put(0, (int[]) src, offset, size);
            case INT64 -> ((LongBuffer) view).put(0, (long[]) src, offset, size);
        }
    }

    /** True when {@code javaArray} is the Java array type of this storage's dtype. */
    private boolean ownType(Object javaArray) {
        return switch (dtype) {
            case FLOAT32 -> javaArray instanceof float[];
            case FLOAT64 -> javaArray instanceof double[];
            case INT32 -> javaArray instanceof int[];
            case INT64 -> javaArray instanceof long[];
        };
    }

    /**
     * Copies the current elements into {@code dst} ({@code float[]}, {@code double[]},
     * {@code int[]} or {@code long[]}, length at least {@code size}), cast to its type: from the
     * mirror when it is current, else from native memory.
     */
    void readInto(Object dst) {
        if (hostCurrent) {
            ArrayCasts.copy(mirror, 0, dst, 0, size);
        } else if (ownType(dst)) {
            nativeGet(dst, 0);
        } else {
            Object own = newOwn();
            nativeGet(own, 0);
            ArrayCasts.copy(own, 0, dst, 0, size);
        }
    }

    /**
     * Overwrites every element from {@code src[offset ..]} ({@code float[]}, {@code double[]},
     * {@code int[]} or {@code long[]}), cast to the dtype: into the mirror when there is one (the
     * tensor is used by heap kernels), else into native memory.
     */
    void writeFrom(Object src, int offset) {
        if (hasMirror()) {
            ArrayCasts.copy(src, offset, mirror, 0, size);
            overwritten(true);
            return;
        }
        if (ownType(src)) {
            nativePut(src, offset);
        } else {
            Object own = newOwn();
            ArrayCasts.copy(src, offset, own, 0, size);
            nativePut(own, 0);
        }
        overwritten(false);
    }

    /** A new array of the dtype's Java type, {@code size} long. */
    private Object newOwn() {
        return switch (dtype) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT32 -> new int[size];
            case INT64 -> new long[size];
        };
    }

    /** The element at flat index {@code i} from the current copy, as a double. */
    double get(int i) {
        if (hostCurrent) {
            return switch (dtype) {
                case FLOAT32 -> ((float[]) mirror)[i];
                case FLOAT64 -> ((double[]) mirror)[i];
                case INT32 -> ((int[]) mirror)[i];
                case INT64 -> ((long[]) mirror)[i];
            };
        }
        return switch (dtype) {
            case INT32 -> array.data().getInt(i);
            case INT64 -> array.data().getLong(i);
            default -> array.data().getDouble(i);
        };
    }

    /** Sets the element at flat index {@code i} in the current copy (cast to the dtype) and marks the other stale. */
    void set(int i, double value) {
        if (hostCurrent) {
            switch (dtype) {
                case FLOAT32 -> ((float[]) mirror)[i] = (float) value;
                case FLOAT64 -> ((double[]) mirror)[i] = value;
                case INT32 -> ((int[]) mirror)[i] = (int) value;
                case INT64 -> ((long[]) mirror)[i] = (long) value;
            }
            hostWritten();
        } else {
            DataBuffer data = array.data();
            switch (dtype) {
                case FLOAT32 -> data.put(i, (float) value);
                case FLOAT64 -> data.put(i, value);
                case INT32 -> data.put(i, (int) value);
                case INT64 -> data.put(i, (long) value);
            }
            nativeWritten();
        }
    }
}
