package dev.nn4j.train;

import java.util.Arrays;

/** A growable list of doubles without boxing; amortised O(1) add. */
final class DoubleList {
    private double[] values = new double[16];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
