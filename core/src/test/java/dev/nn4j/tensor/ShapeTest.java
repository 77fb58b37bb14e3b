package dev.nn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Shape}: ranks 0 to 6, the scalar, the limits and how a shape prints. */
class ShapeTest {

    @Test
    void theScalarHasNoDimensionsAndOneElement() {
        Shape s = Shape.scalar();
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertArrayEquals(new int[0], s.dims());
        assertEquals("[]", s.toString());
        assertSame(s, Shape.of());
        assertEquals(s, Shape.of(new int[0]));
        assertNotEquals(s, Shape.of(1));
        assertFalse(s.isMatrix());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::rows);
        assertEquals("shape [] is not a matrix (rank 0)", e.getMessage());
    }

    @Test
    void ranksUpToSixAreAllowed() {
        assertEquals(6, Shape.MAX_RANK);
        Shape six = Shape.of(2, 1, 3, 1, 4, 5);
        assertEquals(6, six.rank());
        assertEquals(120, six.size());
        assertEquals(5, six.dim(5));
        assertEquals("[2x1x3x1x4x5]", six.toString());
        assertEquals(Shape.of(2, 1, 3, 1, 4, 5), six);
        assertEquals(Shape.of(2, 1, 3, 1, 4, 5).hashCode(), six.hashCode());
        assertEquals("[7x8x9x10x11]", Shape.of(7, 8, 9, 10, 11).toString());
    }

    @Test
    void rankSevenIsRefusedNamingTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shape.of(1, 2, 1, 2, 1, 2, 1));
        assertEquals("shape: rank must be 0 to 6 (Shape.MAX_RANK), got 7 dimensions [1, 2, 1, 2, 1, 2, 1]",
                e.getMessage());
    }

    @Test
    void everyDimensionIsAtLeastOneAndTheSizeFitsAnArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0, 2));
        assertEquals("shape: every dimension must be >= 1, got [3, 0, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Shape.of(1 << 16, 1 << 16));
        assertEquals("shape: [65536, 65536] has 4294967296 elements; at most 2147483639 are supported", e.getMessage());
    }

    @Test
    void ofCopiesItsArgument() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        assertEquals(Shape.matrix(2, 3), s);
        s.dims()[1] = 9;
        assertEquals(3, s.cols());
    }
}
