package dev.nn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TensorFormatTest {
    @Test
    void numbersAreShortAndExact() {
        assertEquals("3.0", TensorFormat.number(3));
        assertEquals("-4.5", TensorFormat.number(-4.5));
        assertEquals("0.333333", TensorFormat.number(1.0 / 3));
        assertEquals("0.1", TensorFormat.number((double) 0.1f));
        assertEquals("1234.57", TensorFormat.number(1234.5678));
        assertEquals("1.5e-07", TensorFormat.number(1.5e-7));
        assertEquals("1.23457e+09", TensorFormat.number(1.23456789e9 + 0.5));
        assertEquals("NaN", TensorFormat.number(Double.NaN));
        assertEquals("-Infinity", TensorFormat.number(Double.NEGATIVE_INFINITY));
    }
}
