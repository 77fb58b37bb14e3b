package dev.nn4j.nd4j;

import dev.nn4j.tensor.DType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
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
 * <p><b>Copies</b> go through a {@link FloatBuffer}/{@link DoubleBuffer} view of the native
 * memory (a bulk memory copy, ~0.1 ns per element; ND4J's {@code asFloat()} and
 * {@code setData} cost ~5 ns per element). On CUDA the heap path is off
 * ({@link Nd4jBackend#hostBelow()} is 0), so no mirror is ever made and the buffer views are
 * never used: device memory is not host memory, and its synchronisation is ND4J's.
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
    private float[] floats;
    private double[] doubles;
    private FloatBuffer nativeFloats;
    private DoubleBuffer nativeDoubles;
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
        return floats != null || doubles != null;
    }

    /** True when the heap mirror holds the current elements. */
    boolean hostCurrent() {
        return hostCurrent;
    }

    /** True when the native buffer holds the current elements. */
    boolean nativeCurrent() {
        return nativeCurrent;
    }

    /** The heap mirror of a FLOAT32 buffer, made on first use; call {@link #toHost()} before reading it. */
    float[] floats() {
        if (floats == null) {
            floats = new float[size];
        }
        return floats;
    }

    /** The heap mirror of a FLOAT64 buffer, made on first use; call {@link #toHost()} before reading it. */
    double[] doubles() {
        if (doubles == null) {
            doubles = new double[size];
        }
        return doubles;
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
        if (dtype == DType.FLOAT32) {
            if (toHost) {
                nativeFloats().get(0, floats(), 0, size);
            } else {
                nativeFloats().put(0, floats, 0, size);
            }
        } else if (toHost) {
            nativeDoubles().get(0, doubles(), 0, size);
        } else {
            nativeDoubles().put(0, doubles, 0, size);
        }
        if (toHost) {
            hostCurrent = true;
        } else {
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
            floats = null;
            doubles = null;
            nativeFloats = null;
            nativeDoubles = null;
            if (array.closeable()) {
                array.close();
            }
        }
    }

    private FloatBuffer nativeFloats() {
        if (nativeFloats == null) {
            nativeFloats = array.data().asNioFloat();
        }
        return nativeFloats;
    }

    private DoubleBuffer nativeDoubles() {
        if (nativeDoubles == null) {
            nativeDoubles = array.data().asNioDouble();
        }
        return nativeDoubles;
    }

    /** Copies the current elements into {@code dst} (length at least {@code size}). */
    void readInto(float[] dst) {
        if (hostCurrent) {
            if (dtype == DType.FLOAT32) {
                System.arraycopy(floats, 0, dst, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    dst[i] = (float) doubles[i];
                }
            }
        } else if (dtype == DType.FLOAT32 && !Nd4jRuntime.onCuda()) {
            nativeFloats().get(0, dst, 0, size);
        } else {
            float[] src = array.data().asFloat();
            System.arraycopy(src, 0, dst, 0, size);
        }
    }

    /** Copies the current elements into {@code dst} (length at least {@code size}). */
    void readInto(double[] dst) {
        if (hostCurrent) {
            if (dtype == DType.FLOAT64) {
                System.arraycopy(doubles, 0, dst, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    dst[i] = floats[i];
                }
            }
        } else if (dtype == DType.FLOAT64 && !Nd4jRuntime.onCuda()) {
            nativeDoubles().get(0, dst, 0, size);
        } else {
            double[] src = array.data().asDouble();
            System.arraycopy(src, 0, dst, 0, size);
        }
    }

    /**
     * Overwrites every element from {@code src[offset ..]}: into the mirror when there is one
     * (the tensor is used by heap kernels), else into native memory.
     */
    void writeFrom(float[] src, int offset) {
        if (hasMirror()) {
            if (dtype == DType.FLOAT32) {
                System.arraycopy(src, offset, floats, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    doubles[i] = src[offset + i];
                }
            }
            overwritten(true);
            return;
        }
        if (dtype == DType.FLOAT32 && !Nd4jRuntime.onCuda()) {
            nativeFloats().put(0, src, offset, size);
        } else if (dtype == DType.FLOAT32) {
            array.data().setData(offset == 0 && src.length == size ? src : Arrays.copyOfRange(src, offset, offset + size));
        } else {
            double[] d = new double[size];
            for (int i = 0; i < size; i++) {
                d[i] = src[offset + i];
            }
            array.data().setData(d);
        }
        overwritten(false);
    }

    /** Overwrites every element from {@code src[offset ..]}, like {@link #writeFrom(float[], int)}. */
    void writeFrom(double[] src, int offset) {
        if (hasMirror()) {
            if (dtype == DType.FLOAT64) {
                System.arraycopy(src, offset, doubles, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    floats[i] = (float) src[offset + i];
                }
            }
            overwritten(true);
            return;
        }
        if (dtype == DType.FLOAT64 && !Nd4jRuntime.onCuda()) {
            nativeDoubles().put(0, src, offset, size);
        } else if (dtype == DType.FLOAT64) {
            array.data().setData(offset == 0 && src.length == size ? src : Arrays.copyOfRange(src, offset, offset + size));
        } else {
            float[] f = new float[size];
            for (int i = 0; i < size; i++) {
                f[i] = (float) src[offset + i];
            }
            array.data().setData(f);
        }
        overwritten(false);
    }

    /** The element at flat index {@code i} from the current copy. */
    double get(int i) {
        if (hostCurrent) {
            return dtype == DType.FLOAT32 ? floats[i] : doubles[i];
        }
        return array.data().getDouble(i);
    }

    /** Sets the element at flat index {@code i} in the current copy and marks the other stale. */
    void set(int i, double value) {
        if (hostCurrent) {
            if (dtype == DType.FLOAT32) {
                floats[i] = (float) value;
            } else {
                doubles[i] = value;
            }
            hostWritten();
        } else {
            if (dtype == DType.FLOAT32) {
                array.data().put(i, (float) value);
            } else {
                array.data().put(i, value);
            }
            nativeWritten();
        }
    }
}
