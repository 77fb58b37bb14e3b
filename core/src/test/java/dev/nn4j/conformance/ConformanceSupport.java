package dev.nn4j.conformance;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The base of every conformance class: the backend under test, supplied by the one method a
 * backend module implements, and helpers to build tensors and compare them with expected
 * values.
 *
 * <p>Closeness is the <b>relative error</b> {@code |actual - expected| / max(1, |expected|)}:
 * relative for large values, absolute below 1, so values near zero do not blow it up. NaN is
 * close only to NaN.
 */
public abstract class ConformanceSupport {

    /** The backend under test; return the instance {@link dev.nn4j.backend.Backends} holds. */
    protected abstract Backend backend();

    /** {@code |actual - expected| / max(1, |expected|)}; 0 when both are NaN or equal infinities. */
    public static double relativeError(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (actual == expected) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
    }

    /** A tensor of {@code dtype} and {@code dims} holding {@code values} (rounded to float for FLOAT32). */
    protected Tensor tensor(DType dtype, double[] values, int... dims) {
        Tensor t = backend().zeros(dtype, dims);
        t.setAll(values);
        return t;
    }

    /** A matrix of {@code dtype} holding {@code rows}. */
    protected Tensor matrix(DType dtype, double[]... rows) {
        return backend().matrix(dtype, rows);
    }

    /** A tensor of uniform values in {@code [lo, hi)} drawn from {@code rnd}. */
    protected Tensor random(DType dtype, SplittableRandom rnd, double lo, double hi, int... dims) {
        Tensor t = backend().zeros(dtype, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble(lo, hi);
        }
        t.setAll(v);
        return t;
    }

    /**
     * Asserts that {@code actual} holds {@code expected} (row-major) to relative error
     * {@code tol}, naming {@code what}, the shape and the first element that differs.
     */
    protected static void assertClose(double[] expected, Tensor actual, double tol, String what) {
        assertEquals(expected.length, actual.size(), what + ": element count of " + actual.shape());
        double[] got = actual.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            double err = relativeError(got[i], expected[i]);
            if (!(err <= tol)) {
                fail(what + " " + actual.dtype() + " " + actual.shape() + ": element " + i + " is " + got[i]
                        + ", expected " + expected[i] + " (relative error " + err + " > " + tol + ")"
                        + (got.length <= 16 ? "; got " + Arrays.toString(got) : ""));
            }
        }
    }

    /** Asserts a scalar to relative error {@code tol}. */
    protected static void assertClose(double expected, double actual, double tol, String what) {
        double err = relativeError(actual, expected);
        if (!(err <= tol)) {
            fail(what + ": got " + actual + ", expected " + expected + " (relative error " + err + " > " + tol + ")");
        }
    }

    /** Flattens {@code rows} row-major. */
    protected static double[] flat(double[]... rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }
}
