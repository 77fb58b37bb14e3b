package dev.nn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn4j.conformance.OtherBackend;
import org.junit.jupiter.api.Test;

/** {@link OpException}'s one format: {@code <op>: <operand> is <shape> <DTYPE>, ...; <rule>}. */
class OpExceptionTest {
    private final Backend b = OtherBackend.INSTANCE;

    @Test
    void oneOperand() {
        OpException e = new OpException("matmul", "a", b.zeros(DType.INT32, 2, 3), "matmul needs FLOAT32 or FLOAT64");
        assertEquals("matmul: a is [2x3] INT32; matmul needs FLOAT32 or FLOAT64", e.getMessage());
        assertEquals("matmul", e.op());
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    @Test
    void twoAndMoreOperands() {
        OpException two = new OpException("matmul", "a", b.zeros(2, 3), "b", b.zeros(4, 1), "a.cols must equal b.rows");
        assertEquals("matmul: a is [2x3] FLOAT32, b is [4x1] FLOAT32; a.cols must equal b.rows", two.getMessage());
        OpException three = new OpException("add", new String[] {"a", "b", "out"},
                new Tensor[] {b.zeros(DType.FLOAT64), b.zeros(DType.INT64, 1, 1, 1, 1, 1, 2), b.zeros(5)},
                "shapes must be equal");
        assertEquals("add: a is [] FLOAT64, b is [1x1x1x1x1x2] INT64, out is [5] FLOAT32; shapes must be equal",
                three.getMessage());
        assertEquals("add", three.op());
    }

    @Test
    void formatNeedsOneNamePerOperand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpException.format("add", new String[] {"a"}, new Tensor[0], "rule"));
        assertEquals("OpException.format: 1 names for 0 operands", e.getMessage());
    }

    @Test
    void opsThrowItWithTheOperandsDtypes() {
        Tensor a = b.zeros(2, 3);
        OpException e = assertThrows(OpException.class, () -> Ops.matmul(a, b.zeros(4, 1)));
        assertEquals("matmul: a is [2x3] FLOAT32, b is [4x1] FLOAT32; a.cols must equal b.rows", e.getMessage());
        e = assertThrows(OpException.class, () -> Ops.gemm(true, false, 1, a, b.zeros(3, 2), 0, b.zeros(3, 2)));
        assertEquals("gemm: a is [2x3] FLOAT32, b is [3x2] FLOAT32, c is [3x2] FLOAT32; op(a).cols must equal "
                + "op(b).rows (op(a) is [3x2] = [2x3] transposed, op(b) is [3x2])", e.getMessage());
        e = assertThrows(OpException.class, () -> Ops.add(a, b.zeros(3, 2), a));
        assertEquals("add: a is [2x3] FLOAT32, b is [3x2] FLOAT32, out is [2x3] FLOAT32; shapes must be equal",
                e.getMessage());
        e = assertThrows(OpException.class, () -> Ops.scale(a, Double.NaN, a));
        assertEquals("scale: a is [2x3] FLOAT32; factor must be finite, got NaN", e.getMessage());
        e = assertThrows(OpException.class, () -> Ops.activation(Activation.SOFTMAX, b.zeros(4)));
        assertEquals("softmax: x is [4] FLOAT32; x must be a matrix (rank 2), it has rank 1", e.getMessage());
        e = assertThrows(OpException.class, () -> Ops.reshape(b.zeros(DType.INT64, 2, 3), Shape.of(4)));
        assertEquals("reshape: t is [2x3] INT64; it has 6 elements, [4] has 4", e.getMessage());
        e = assertThrows(OpException.class, () -> Ops.copy(a, b.zeros(DType.INT32, 6)));
        assertEquals("copy: src is [2x3] FLOAT32, dst is [6] INT32; shapes must be equal", e.getMessage());
    }
}
