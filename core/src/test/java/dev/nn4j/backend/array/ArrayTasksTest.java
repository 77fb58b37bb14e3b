package dev.nn4j.backend.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reusable parts of the array kernels: ranges, reuse, nesting and release. */
class ArrayTasksTest {

    /** Records the ranges it is asked for; optionally runs a nested kernel or fails. */
    static final class Recording extends ArrayTasks.Task {
        final List<int[]> ranges = new ArrayList<>();
        Object operand;
        Runnable inside;
        int cleared;

        @Override
        void range(int part, int from, int to) {
            synchronized (ranges) {
                ranges.add(new int[] {part, from, to});
            }
            if (inside != null) {
                inside.run();
            }
        }

        @Override
        void clear() {
            operand = null;
            cleared++;
        }
    }

    /** Runs the parts in reverse order, as a pool may. */
    private static final ArrayParallel REVERSED = new ArrayParallel() {
        @Override
        public int threads() {
            return 3;
        }

        @Override
        public void run(int parts, Part part) {
            for (int i = parts - 1; i >= 0; i--) {
                part.run(i);
            }
        }
    };

    private final ArrayTasks.Local<Recording> local = new ArrayTasks.Local<>(Recording::new);

    @Test
    void partsCoverTheRangeInNearEqualPieces() {
        Recording t = local.take();
        t.runParts(REVERSED, 3, 10);
        t.ranges.sort((a, b) -> a[0] - b[0]);
        assertArrayEquals(new int[] {0, 0, 3}, t.ranges.get(0));
        assertArrayEquals(new int[] {1, 3, 6}, t.ranges.get(1));
        assertArrayEquals(new int[] {2, 6, 10}, t.ranges.get(2));
    }

    @Test
    void onePartRunsOnTheCallerWithoutTheParallel() {
        ArrayParallel refusing = new ArrayParallel() {
            @Override
            public int threads() {
                return 2;
            }

            @Override
            public void run(int parts, Part part) {
                throw new AssertionError("one part must not be handed over");
            }
        };
        Recording t = local.take();
        t.runParts(refusing, 1, 7);
        assertEquals(1, t.ranges.size());
        assertArrayEquals(new int[] {0, 0, 7}, t.ranges.get(0));
    }

    @Test
    void aFinishedTaskIsReusedAndKeepsNoOperand() {
        Recording t = local.take();
        t.operand = new float[8];
        t.runParts(ArrayParallel.SERIAL, 2, 8);
        assertNull(t.operand, "operands are dropped when the kernel returns");
        assertSame(t, local.take(), "the calling thread gets its task back");
    }

    @Test
    void aKernelInsideAPartGetsAFreshTask() {
        Recording outer = local.take();
        List<Recording> inner = new ArrayList<>();
        outer.inside = () -> {
            if (inner.isEmpty()) {
                Recording t = local.take();
                inner.add(t);
                t.runParts(ArrayParallel.SERIAL, 1, 4);
            }
        };
        outer.runParts(ArrayParallel.SERIAL, 2, 4);
        assertNotSame(outer, inner.get(0));
        assertEquals(1, inner.get(0).ranges.size());
        assertEquals(2, outer.ranges.size(), "the outer kernel's parts are untouched by the inner one");
        assertSame(outer, local.take());
    }

    @Test
    void aFailingPartStillReleasesTheTask() {
        Recording t = local.take();
        t.operand = "x";
        t.inside = () -> {
            throw new IllegalStateException("part failed");
        };
        assertThrows(IllegalStateException.class, () -> t.runParts(ArrayParallel.SERIAL, 2, 2));
        assertNull(t.operand);
        assertEquals(1, t.cleared);
        assertSame(t, local.take(), "the task is free again");
    }

    @Test
    void eachThreadHasItsOwnTask() throws InterruptedException {
        Recording mine = local.take();
        Recording[] theirs = new Recording[1];
        Thread other = new Thread(() -> theirs[0] = local.take());
        other.start();
        other.join();
        assertNotSame(mine, theirs[0]);
    }
}
