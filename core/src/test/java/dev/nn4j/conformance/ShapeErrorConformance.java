package dev.nn4j.conformance;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad operands are rejected before any kernel runs: wrong shapes, ranks, dtypes, tensors of
 * two backends (using the test-only {@link OtherBackend}), aliasing that a kernel cannot
 * honour and non-finite scalars all throw {@link OpException} (an
 * {@link IllegalArgumentException}) whose message names the operation, the operands with their
 * shapes and dtypes, and the values involved. Also checks that a failed call leaves its output
 * untouched. Tensor creation and element access, which are not operations, throw plain
 * {@link IllegalArgumentException}s.
 */
public abstract class ShapeErrorConformance extends ConformanceSupport {

    private Tensor zeros(int... dims) {
        return backend().zeros(DType.FLOAT32, dims);
    }

    /** Asserts an OpException (an IllegalArgumentException) whose message contains every fragment, and returns the message. */
    private static String expectError(Executable call, String... fragments) {
        OpException e = assertThrows(OpException.class, call);
        String message = e.getMessage();
        for (String f : fragments) {
            assertTrue(message != null && message.contains(f),
                    "message should contain '" + f + "' but was: " + message);
        }
        return message;
    }

    /** Asserts an IllegalArgumentException whose message contains every fragment. */
    private static void expectIllegal(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f),
                    "message should contain '" + f + "' but was: " + e.getMessage());
        }
    }

    @Test
    void matmulNamesBothShapes() {
        Tensor a = zeros(2, 3);
        Tensor b = zeros(4, 1);
        assertEquals("matmul: a is [2x3] FLOAT32, b is [4x1] FLOAT32; a.cols must equal b.rows",
                expectError(() -> Ops.matmul(a, b)));
        expectError(() -> Ops.matmul(a, b, zeros(2, 1)), "matmul", "[2x3]", "[4x1]");
        expectError(() -> a.matmul(zeros(3)), "matmul", "[3]", "rank 1");
    }

    @Test
    void gemmChecksInnerDimensionsOutputShapeAndAliasing() {
        Tensor a = zeros(2, 3);
        expectError(() -> Ops.gemm(false, false, 1, a, zeros(2, 2), 0, zeros(2, 2)), "gemm", "[2x3]", "[2x2]");
        expectError(() -> Ops.gemm(true, false, 1, a, zeros(3, 2), 0, zeros(3, 2)), "gemm", "[2x3] transposed",
                "[3x2]");
        expectError(() -> Ops.gemm(false, true, 1, a, zeros(3, 2), 0, zeros(2, 3)), "gemm", "[3x2] transposed");
        expectError(() -> Ops.gemm(false, false, 1, a, zeros(3, 2), 0, zeros(3, 3)), "gemm", "c is [3x3]", "[2x2]");
        Tensor square = zeros(2, 2);
        expectError(() -> Ops.gemm(false, false, 1, square, zeros(2, 2), 0, square), "gemm", "same tensor");
        expectError(() -> Ops.gemm(false, false, 1, zeros(3), zeros(3, 1), 0, zeros(1, 1)), "gemm", "[3]", "rank 1");
    }

    @Test
    void elementWiseOperationsNeedEqualShapes() {
        Tensor a = zeros(2, 3);
        Tensor b = zeros(3, 2);
        expectError(() -> Ops.add(a, b), "add", "[2x3]", "[3x2]");
        expectError(() -> Ops.sub(a, b), "sub", "[2x3]", "[3x2]");
        expectError(() -> Ops.hadamard(a, b), "hadamard", "[2x3]", "[3x2]");
        expectError(() -> Ops.div(a, a, b), "div", "[2x3]", "[3x2]");
        expectError(() -> Ops.add(a, a, zeros(6)), "add", "[2x3]", "[6]");
        expectError(() -> Ops.scale(a, 2, b), "scale", "[2x3]", "[3x2]");
        expectError(() -> Ops.addScalar(a, 2, b), "addScalar", "[2x3]", "[3x2]");
        expectError(() -> Ops.axpby(1, a, 1, b), "axpby", "[2x3]", "[3x2]");
        expectError(() -> Ops.unary(Unary.EXP, a, b), "exp", "[2x3]", "[3x2]");
        expectError(() -> Ops.clamp(a, 0, 1, b), "clamp", "[2x3]", "[3x2]");
        expectError(() -> Ops.dot(a, b), "dot", "[2x3]", "[3x2]");
        expectError(() -> Ops.copy(a, b), "copy", "[2x3]", "[3x2]");
    }

    @Test
    void scalarsMustBeFiniteAndClampOrdered() {
        Tensor a = zeros(2, 2);
        expectError(() -> Ops.scale(a, Double.NaN), "scale", "NaN");
        expectError(() -> Ops.addScalar(a, Double.POSITIVE_INFINITY), "addScalar", "Infinity");
        expectError(() -> Ops.axpby(Double.NaN, a, 1, zeros(2, 2)), "axpby", "alpha", "NaN");
        expectError(() -> Ops.axpby(1, a, Double.NEGATIVE_INFINITY, zeros(2, 2)), "axpby", "beta");
        expectError(() -> Ops.clamp(a, 2, 1, zeros(2, 2)), "clamp", "lo=2.0", "hi=1.0");
    }

    @Test
    void activationsCheckShapesAndSoftmaxNeedsAMatrix() {
        Tensor x = zeros(2, 3);
        expectError(() -> Ops.activation(Activation.RELU, x, zeros(3, 2)), "relu", "[2x3]", "[3x2]");
        expectError(() -> Ops.activation(Activation.SOFTMAX, zeros(4)), "softmax", "[4]", "rank 1");
        expectError(() -> Ops.activationBackward(Activation.SIGMOID, x, x, x, zeros(2, 2)), "sigmoid backward",
                "[2x3]", "[2x2]");
        expectError(() -> Ops.activationBackward(Activation.SOFTMAX, zeros(6), zeros(6), zeros(6), zeros(6)),
                "softmax backward", "[6]");
        expectError(() -> Ops.logSoftmax(x, zeros(2, 2)), "logSoftmax", "[2x3]", "[2x2]");
        expectError(() -> Ops.logSoftmax(zeros(2, 3, 1), zeros(2, 3, 1)), "logSoftmax", "[2x3x1]", "rank 3");
    }

    @Test
    void shapeOperationsCheckTheirOutputs() {
        Tensor a = zeros(2, 3);
        expectError(() -> Ops.transpose(a, zeros(2, 3)), "transpose", "[2x3]", "[3x2]");
        Tensor square = zeros(2, 2);
        expectError(() -> Ops.transpose(square, square), "transpose", "separate");
        expectError(() -> Ops.sumRows(a, zeros(1, 2)), "sumRows", "[1x2]", "[1x3]");
        expectError(() -> Ops.sumRows(zeros(6)), "sumRows", "[6]", "rank 1");
        expectError(() -> Ops.addRowVector(a, zeros(1, 2)), "addRowVector", "[2x3]", "[1x2]", "[1x3]");
        expectError(() -> Ops.addRowVector(a, zeros(2, 3)), "addRowVector", "row is [2x3]");
        expectError(() -> Ops.argmaxRows(a, new int[3]), "argmaxRows", "[2x3]", "length 3");
    }

    @Test
    void addRowVectorActivationChecksBiasAndOutput() {
        Tensor z = zeros(2, 3);
        expectError(() -> Ops.addRowVectorActivation(z, zeros(1, 2), Activation.RELU, zeros(2, 3)),
                "addRowVectorActivation (relu)", "bias is [1x2]", "[1x3]");
        expectError(() -> Ops.addRowVectorActivation(z, zeros(1, 3), Activation.TANH, zeros(3, 2)),
                "addRowVectorActivation (tanh)", "y is [3x2]", "[2x3]");
        Tensor row = zeros(1, 3);
        expectError(() -> Ops.addRowVectorActivation(row, row, Activation.RELU, zeros(1, 3)),
                "addRowVectorActivation", "separate");
        expectError(() -> Ops.addRowVectorActivation(zeros(6), zeros(1, 6), Activation.RELU, zeros(6)),
                "addRowVectorActivation", "z is [6]", "rank 1");
        expectError(() -> Ops.addRowVectorActivation(z, backend().zeros(DType.FLOAT64, 1, 3), Activation.RELU, z),
                "addRowVectorActivation", "FLOAT64");
    }

    @Test
    void dtypesMustAgree() {
        Tensor f = backend().zeros(DType.FLOAT32, 2, 2);
        Tensor d = backend().zeros(DType.FLOAT64, 2, 2);
        expectError(() -> Ops.add(f, d), "add", "one dtype", "FLOAT32", "FLOAT64");
        expectError(() -> Ops.matmul(f, d), "matmul", "FLOAT32", "FLOAT64");
        expectError(() -> Ops.gemm(false, false, 1, f, f, 0, d), "gemm", "FLOAT32", "FLOAT64");
        expectError(() -> Ops.dot(d, f), "dot", "a is [2x2] FLOAT64, b is [2x2] FLOAT32", "one dtype");
        expectError(() -> Ops.addRowVector(f, backend().zeros(DType.FLOAT64, 1, 2)), "addRowVector", "FLOAT64");
    }

    @Test
    void operandsMustBelongToOneBackend() {
        Tensor mine = backend().zeros(DType.FLOAT32, 2, 2);
        Tensor other = OtherBackend.INSTANCE.zeros(DType.FLOAT32, 2, 2);
        String name = backend().name();
        expectError(() -> Ops.add(mine, other), "add", "one backend", name, "other", "[2x2]");
        expectError(() -> Ops.matmul(other, mine), "matmul", "one backend", name, "other");
        expectError(() -> Ops.gemm(false, false, 1, mine, mine, 0, other), "gemm", name, "other");
        expectError(() -> Ops.copy(mine, other), "copy", name, "other");
        expectError(() -> Ops.activationBackward(Activation.TANH, mine, mine, other, mine), "tanh backward", "other");
    }

    @Test
    void failedCallsLeaveTheOutputUntouched() {
        Tensor out = zeros(2, 2);
        Ops.fill(out, 3);
        expectError(() -> Ops.gemm(false, false, 1, zeros(2, 3), zeros(2, 2), 0, out), "gemm");
        expectError(() -> Ops.add(zeros(2, 2), zeros(4), out), "add");
        assertClose(new double[] {3, 3, 3, 3}, out, 0, "output after rejected calls");
    }

    @Test
    void tensorCreationAndAccessAreChecked() {
        expectIllegal(() -> backend().zeros(DType.FLOAT32, 0, 3), "shape", "[0, 3]");
        expectIllegal(() -> backend().zeros(DType.FLOAT32, 1, 2, 3, 4, 5, 6, 7), "shape", "rank", "0 to 6", "7");
        expectIllegal(() -> backend().matrix(new double[][] {{1, 2}, {3}}), "matrix", "row 1");
        Tensor t = zeros(2, 3);
        expectIllegal(() -> t.setAll(new float[5]), "setAll", "[2x3]", "5");
        expectIllegal(() -> t.setAll(new double[7]), "setAll", "[2x3]", "7");
        expectIllegal(() -> t.setAll(new int[4]), "setAll", "[2x3]", "4");
        expectIllegal(() -> t.setAll(new long[8]), "setAll", "[2x3]", "8");
        expectIllegal(() -> t.setRange(new float[10], 5, 6), "setRange", "[2x3]", "offset 5");
        expectIllegal(() -> t.get(1), "index", "[2x3]", "rank 2");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.set(1, 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2x3]"), e.getMessage());
    }
}
