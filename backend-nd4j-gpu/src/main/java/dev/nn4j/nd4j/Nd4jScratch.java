package dev.nn4j.nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseReduceOp;
import org.nd4j.linalg.api.ops.BaseScalarOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSet;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reusable native memory and ND4J op objects of one thread's kernel calls, so that a
 * training step allocates no ND4J buffer once every shape has been seen:
 * <ul>
 *   <li>scratch arrays keyed by (role, data type, shape): at most {@value #MAX_ARRAYS}, the least
 *       recently used one is closed when a new one would exceed that;</li>
 *   <li>op contexts for custom ops (element-wise arithmetic, gemm, axpy, argmax, gather,
 *       permute) instead of a new native context per call: one per combination of argument
 *       kinds an op takes (integer, floating, boolean), because a context keeps the arguments
 *       it was last given of each kind (neither {@code purge()} nor an empty array clears
 *       them), and a stale argument changes what some ops do (an integer argument left by
 *       gemm made {@code permute} of a scalar fail);</li>
 *   <li>one scalar op per (op class, data type) whose scalar array is overwritten per call:
 *       ND4J's scalar-op constructors allocate a new scalar array each time, freed only by the
 *       garbage collector;</li>
 *   <li>one reduction op per (op, data type, dimension), whose constructor allocates the array
 *       of dimensions;</li>
 *   <li>one op object per libnd4j op name ({@link #op}) for the image and batch-norm ops.</li>
 * </ul>
 * Not thread-safe: {@link Nd4jKernels} keeps one instance per thread. Op objects are detached
 * from their arrays after each call so that they keep no tensor reachable.
 */
final class Nd4jScratch {
    /** Scratch arrays kept at most: a few per layer shape and batch size in a training step (a CNN step uses a few dozen). */
    static final int MAX_ARRAYS = 64;
    /** No integer arguments, for {@link #custom}. */
    static final long[] NO_INTS = {};
    /** No boolean arguments. */
    private static final boolean[] NO_BOOLEANS = {};

    private record Key(String role, DataType type, long[] shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && role.equals(k.role) && type == k.type && Arrays.equals(shape, k.shape);
        }

        @Override
        public int hashCode() {
            return Objects.hash(role, type, Arrays.hashCode(shape));
        }
    }

    private static final MMulTranspose[] TRANSPOSES = {
        MMulTranspose.allFalse(),
        MMulTranspose.builder().transposeB(true).build(),
        MMulTranspose.builder().transposeA(true).build(),
        MMulTranspose.builder().transposeA(true).transposeB(true).build(),
    };

    private final LinkedHashMap<Key, INDArray> arrays = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, INDArray> eldest) {
            if (size() > MAX_ARRAYS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };
    private final Map<String, BaseScalarOp> scalarOps = new HashMap<>();
    private final Map<String, BaseReduceOp> reduceOps = new HashMap<>();
    private final Map<String, DynamicCustomOp> namedOps = new HashMap<>();
    private final INDArray[] outputs1 = new INDArray[1];
    /** Op contexts by the argument kinds an op is given: bit 0 integer, bit 1 floating, bit 2 boolean. */
    private final OpContext[] contexts = new OpContext[8];
    private long arraysCreated;

    /**
     * A scratch array of {@code type} and {@code shape} ('c' order) for {@code role}; its content
     * is whatever the last user left. Valid until the next call with more than
     * {@value #MAX_ARRAYS} other keys, so use it only within one kernel call.
     */
    INDArray array(String role, DataType type, long... shape) {
        Key key = new Key(role, type, shape);
        INDArray a = arrays.get(key);
        if (a == null) {
            a = Nd4j.createUninitialized(type, shape.clone(), 'c');
            arrays.put(key, a);
            arraysCreated++;
        }
        return a;
    }

    /** A scratch array of {@code type} and {@code shape} holding {@code value} everywhere; callers must not write to it. */
    INDArray constant(String role, double value, DataType type, long... shape) {
        long before = arraysCreated;
        INDArray a = array(role, type, shape);
        if (arraysCreated != before) {
            scalar(ScalarSet::new, "set", a, value, a);
        }
        return a;
    }

    /** A scratch array shaped and typed like {@code like}. */
    INDArray like(String role, INDArray like) {
        return array(role, like.dataType(), like.shape());
    }

    /** How many scratch arrays this thread has created so far (flat in steady state). */
    long arraysCreated() {
        return arraysCreated;
    }

    /** How many scratch arrays this thread holds now (at most {@value #MAX_ARRAYS}). */
    int arrayCount() {
        return arrays.size();
    }

    /** {@code z = op(x, value)} for a scalar op; {@code factory} makes the op once per data type. */
    void scalar(Supplier<? extends BaseScalarOp> factory, String name, INDArray x, double value, INDArray z) {
        DataType type = x.dataType();
        BaseScalarOp op = scalarOps.computeIfAbsent(name + '/' + type, k -> {
            BaseScalarOp o = factory.get();
            o.setScalar(Nd4j.scalar(type, 0.0));
            return o;
        });
        op.scalar().data().put(0, value);
        op.setX(x);
        op.setZ(z);
        try {
            Nd4j.exec(op);
        } finally {
            op.setX(null);
            op.setZ(null);
        }
    }

    /** Makes a reduction op from its first operands ({@code y} may be null). */
    @FunctionalInterface
    interface ReduceFactory {
        BaseReduceOp make(INDArray x, INDArray y, INDArray z);
    }

    /**
     * {@code z = reduce(x[, y])}; {@code factory} makes the op (with its dimensions) once per
     * {@code name} and data types, so {@code name} must say which dimensions it reduces.
     */
    void reduce(ReduceFactory factory, String name, INDArray x, INDArray y, INDArray z) {
        String key = name + '/' + x.dataType() + '/' + z.dataType();
        BaseReduceOp op = reduceOps.get(key);
        if (op == null) {
            op = factory.make(x, y, z);
            reduceOps.put(key, op);
        }
        op.setX(x);
        op.setY(y);
        op.setZ(z);
        try {
            Nd4j.exec(op);
        } finally {
            op.setX(null);
            op.setY(null);
            op.setZ(null);
        }
    }

    /**
     * Runs a custom op through this thread's op context for its argument kinds: inputs, one
     * output, and the integer and floating-point arguments ({@code iArgs}, {@code tArgs}; may be empty).
     */
    void custom(CustomOp op, INDArray[] inputs, INDArray output, long[] iArgs, double... tArgs) {
        outputs1[0] = output;
        try {
            custom(op, inputs, outputs1, iArgs, NO_BOOLEANS, tArgs);
        } finally {
            outputs1[0] = null;
        }
    }

    /** As {@link #custom(CustomOp, INDArray[], INDArray, long[], double...)} for ops with several outputs, in order. */
    void custom(CustomOp op, INDArray[] inputs, INDArray[] outputs, long[] iArgs, double... tArgs) {
        custom(op, inputs, outputs, iArgs, NO_BOOLEANS, tArgs);
    }

    /**
     * Runs a custom op with integer, boolean and floating-point arguments. The context used has
     * been given arguments of exactly these kinds before, if any, so every argument the op sees
     * is one of this call's: a kind given here overwrites the previous values of that kind.
     */
    void custom(CustomOp op, INDArray[] inputs, INDArray[] outputs, long[] iArgs, boolean[] bArgs, double... tArgs) {
        int kinds = (iArgs.length > 0 ? 1 : 0) | (tArgs.length > 0 ? 2 : 0) | (bArgs.length > 0 ? 4 : 0);
        OpContext c = contexts[kinds];
        if (c == null) {
            c = Nd4j.getExecutioner().buildContext();
            contexts[kinds] = c;
        }
        c.purge();
        if (iArgs.length > 0) {
            c.setIArguments(iArgs);
        }
        if (tArgs.length > 0) {
            c.setTArguments(tArgs);
        }
        if (bArgs.length > 0) {
            c.setBArguments(bArgs);
        }
        for (int i = 0; i < inputs.length; i++) {
            c.setInputArray(i, inputs[i]);
        }
        for (int i = 0; i < outputs.length; i++) {
            c.setOutputArray(i, outputs[i]);
        }
        try {
            Nd4j.getExecutioner().exec(op, c);
        } finally {
            c.purge();
        }
    }

    /**
     * The libnd4j custom op called {@code name} (e.g. {@code "conv2d"}), made once per thread; its
     * arguments come from the op context at each {@link #custom} call, so it holds none itself.
     */
    DynamicCustomOp op(String name) {
        return namedOps.computeIfAbsent(name, n -> DynamicCustomOp.builder(n).build());
    }

    /** {@code z = alpha·op(a)·op(b) + beta·z} with ND4J's {@code Mmul} (BLAS gemm). */
    void gemm(boolean transA, boolean transB, double alpha, INDArray a, INDArray b, double beta, INDArray z) {
        Mmul op = new Mmul(a, b, z, alpha, beta, TRANSPOSES[(transA ? 2 : 0) + (transB ? 1 : 0)]);
        custom(op, new INDArray[] {a, b}, z, op.iArgs(), op.tArgs());
    }

    /** {@code z = a + b}, element-wise or broadcasting a row {@code [1 x n]} or column {@code [m x 1]} {@code b}. */
    void add(INDArray a, INDArray b, INDArray z) {
        custom(new AddOp(), new INDArray[] {a, b}, z, NO_INTS);
    }

    /** {@code z = a - b}, element-wise or broadcasting {@code b} as {@link #add} does. */
    void sub(INDArray a, INDArray b, INDArray z) {
        custom(new SubOp(), new INDArray[] {a, b}, z, NO_INTS);
    }

    /** {@code z = a ⊙ b}, element-wise or broadcasting {@code b} as {@link #add} does. */
    void mul(INDArray a, INDArray b, INDArray z) {
        custom(new MulOp(), new INDArray[] {a, b}, z, NO_INTS);
    }

    /** {@code z = a / b}, element-wise or broadcasting {@code b} as {@link #add} does. */
    void div(INDArray a, INDArray b, INDArray z) {
        custom(new DivOp(), new INDArray[] {a, b}, z, NO_INTS);
    }

    /** {@code z = s · x}. */
    void times(INDArray x, double s, INDArray z) {
        scalar(ScalarMultiplication::new, "mul", x, s, z);
    }

    /** {@code z = x + s}. */
    void plus(INDArray x, double s, INDArray z) {
        scalar(ScalarAdd::new, "add", x, s, z);
    }

    /** {@code z = s - x}. */
    void minusFrom(double s, INDArray x, INDArray z) {
        scalar(ScalarReverseSubtraction::new, "rsub", x, s, z);
    }

    /** {@code y = y + alpha · x} (libnd4j's {@code axpy}: output = input 0 + alpha · input 1). */
    void axpy(double alpha, INDArray x, INDArray y) {
        custom(op("axpy"), new INDArray[] {y, x}, y, NO_INTS, alpha);
    }

    /** {@code z = x} element by element (one shape), converting to {@code z}'s data type (BOOL to 1 and 0). */
    void assign(INDArray x, INDArray z) {
        custom(op("assign"), new INDArray[] {z, x}, z, NO_INTS);
    }

    /**
     * True when {@code x} (FLOAT or DOUBLE) may hold a NaN: its sum, in its own type, is NaN.
     * Also true, needlessly, when the sum meets both infinities; never false with a NaN present.
     * One pass (libnd4j's {@code isnan} reduction took 4.5 ns per element here, 10x a sum).
     */
    boolean mayHoldNaN(INDArray x) {
        INDArray sum = array("nan probe", x.dataType());
        reduce((p, q, z) -> new Sum(p, z), "sumAll", x, null, sum);
        return Double.isNaN(sum.getDouble(0));
    }

    /**
     * Closes every scratch array, the scalars of the cached scalar ops and the op contexts; the
     * next call starts afresh. Left to the collector: the 4-8 byte scalar each cached scalar op
     * allocated in its constructor and the dimension arrays of the cached reduction ops.
     */
    void release() {
        arrays.values().forEach(INDArray::close);
        arrays.clear();
        scalarOps.values().forEach(op -> op.scalar().close());
        scalarOps.clear();
        reduceOps.clear();
        namedOps.clear();
        for (int i = 0; i < contexts.length; i++) {
            if (contexts[i] != null) {
                try {
                    contexts[i].close();
                } catch (Exception e) {
                    throw new IllegalStateException("nd4j scratch: closing an op context failed", e);
                }
                contexts[i] = null;
            }
        }
    }
}
