package dev.nn4j.tensor;

/**
 * The defaults of max and average pooling and their backward passes ({@link Kernels#maxPool2d},
 * {@link Kernels#maxPool2dBackward}, {@link Kernels#avgPool2d}, {@link Kernels#avgPool2dBackward}),
 * written with {@link Primitives} only.
 *
 * <p>The windows {@code [N, C, P, kh·kw]} ({@code P = Ho·Wo}) are gathered along axis 2 of a
 * copy of the input viewed as {@code [N, C, H·W]} (a copy, because a caller may pass a new
 * tensor every call, whose view could not be cached; {@code dy} is used in its own shape), by
 * an INT32 table {@code [P, kh·kw]} built on the host
 * once per geometry, backend and thread. Max pooling's table repeats a window's first input
 * position in place of its padded positions, so padding never wins, and reduces with
 * {@code MAX}; its backward pass takes each window's {@code ARGMAX}, turns it into the flat
 * input position by a {@code gather} from the table, and routes {@code dy} there with
 * {@code scatterAdd} (overlapping windows sum). Average pooling gathers from a zero-bordered
 * copy when padded, sums, and divides by each window's count of input positions
 * (precomputed); its backward pass scatters {@code dy / count}, repeated for every position of
 * the window, through the same table.
 * Temporaries come from {@link KernelScratch}.
 */
public final class DefaultPooling {
    private static final Object PLAN = "pool plan";
    private static final Object WINDOWS = "pool windows";
    private static final Object MAX_X = "maxPool x";
    private static final Object MAX_TABLE = "maxPool table";
    private static final Object MAX_Y = "maxPool y";
    private static final Object MAX_ARG = "maxPool argmax";
    private static final Object MAX_STARTS = "maxPool window starts";
    private static final Object MAX_POS = "maxPool positions";
    private static final Object MAX_PLANES = "maxPool plane starts";
    private static final Object MAX_DX = "maxPool dx";
    private static final Object AVG_TABLE = "avgPool table";
    private static final Object AVG_PADDED = "avgPool x";
    private static final Object AVG_COUNTS = "avgPool counts";
    private static final Object AVG_Y = "avgPool y";
    private static final Object AVG_PER_WINDOW = "avgPool dy per window";
    private static final Object AVG_ZEROS = "avgPool zeros";
    private static final Object AVG_SHARES = "avgPool shares";
    private static final Object AVG_DX = "avgPool dx";
    private static final Object AVG_DX_PADDED = "avgPool padded dx";

    private DefaultPooling() {
    }

    /** {@code y [N,C,Ho,Wo]}: the largest input position of each window of {@code x [N,C,H,W]}. */
    public static void maxPool2d(Primitives p, Tensor x, ConvGeometry g, Tensor y) {
        KernelScratch s = KernelScratch.current();
        WindowPlan plan = s.memo(PLAN, g, WindowPlan::new);
        Tensor windows = maxWindows(p, s, plan, x);
        Tensor y4 = s.dims(g.batch(), g.channels(), plan.pixels, 1).write(MAX_Y, y);
        p.reduce(Reduce.MAX, windows, y4);
        s.commit(p, y4, y);
    }

    /**
     * Overwrites {@code dx [N,C,H,W]} with {@code dy [N,C,Ho,Wo]} routed to each window's first
     * maximum in {@code x}, summed where windows overlap.
     */
    public static void maxPool2dBackward(Primitives p, Tensor x, Tensor dy, ConvGeometry g, Tensor dx) {
        KernelScratch s = KernelScratch.current();
        WindowPlan plan = s.memo(PLAN, g, WindowPlan::new);
        int n = g.batch();
        int c = g.channels();
        Backend b = x.backend();
        Tensor windows = maxWindows(p, s, plan, x);
        Tensor arg = s.dims(n, c, plan.pixels, 1).tensor(MAX_ARG, null, b, DType.INT32);
        p.reduce(Reduce.ARGMAX, windows, arg);
        Tensor starts = s.dims(1, 1, plan.pixels, 1).tensor(MAX_STARTS, g, b, DType.INT32);
        if (s.created()) {
            starts.setAll(plan.windowStarts());
        }
        p.binary(Binary.ADD, arg, starts, arg);                     // row of the table: p·kh·kw + argmax
        Tensor table = maxTable(s, plan, b);
        table = s.dims(plan.pixels * plan.window).read(table);
        arg = s.dims(n, c, g.outHeight(), g.outWidth()).read(arg);
        // positions take dy's shape, so dy is used as it is (a caller may pass a new view of it every call)
        Tensor positions = s.dims(n, c, g.outHeight(), g.outWidth()).tensor(MAX_POS, null, b, DType.INT32);
        p.gather(table, 0, arg, positions);                          // position in the plane
        Tensor planes = s.dims(n, c, 1, 1).tensor(MAX_PLANES, g, b, DType.INT32);
        if (s.created()) {
            planes.setAll(plan.planeStarts());
        }
        p.binary(Binary.ADD, positions, planes, positions);          // position in x
        Tensor dxFlat = s.dims(dx.size()).write(MAX_DX, dx);
        p.fill(dxFlat, 0);
        p.scatterAdd(dy, 0, positions, dxFlat);
        s.commit(p, dxFlat, dx);
    }

    /** The windows {@code [N, C, P, kh·kw]} of {@code x} with padded positions repeating an input position. */
    private static Tensor maxWindows(Primitives p, KernelScratch s, WindowPlan plan, Tensor x) {
        ConvGeometry g = plan.g;
        Tensor copy = s.like(MAX_X, x);   // a copy, not a view: x may be a new tensor every call
        p.copy(x, copy);
        Tensor flat = s.dims(g.batch(), g.channels(), g.height() * g.width()).read(copy);
        Tensor table = maxTable(s, plan, x.backend());
        Tensor windows = s.dims(g.batch(), g.channels(), plan.pixels, plan.window)
                .tensor(WINDOWS, null, x.backend(), x.dtype());
        p.gather(flat, 2, table, windows);
        return windows;
    }

    private static Tensor maxTable(KernelScratch s, WindowPlan plan, Backend b) {
        Tensor table = s.dims(plan.pixels, plan.window).tensor(MAX_TABLE, plan.g, b, DType.INT32);
        if (s.created()) {
            table.setAll(plan.clippedWindows());
        }
        return table;
    }

    /** {@code y [N,C,Ho,Wo]}: the mean of each window's input positions (padding not counted). */
    public static void avgPool2d(Primitives p, Tensor x, ConvGeometry g, Tensor y) {
        KernelScratch s = KernelScratch.current();
        WindowPlan plan = s.memo(PLAN, g, WindowPlan::new);
        int n = g.batch();
        int c = g.channels();
        Backend b = x.backend();
        // a copy, not a view (x may be a new tensor every call), keyed by the geometry, so only the
        // interior is ever written and the border stays zero
        Tensor source = s.dims(n, c, plan.hp, plan.wp).tensor(AVG_PADDED, g, b, x.dtype());
        if (g.unpadded()) {
            p.copy(x, source);
        } else {
            p.copyRegion(x, WindowPlan.ZEROS, WindowPlan.ONES, source, plan.padOffset, plan.inputExtent);
        }
        Tensor flat = s.dims(n, c, plan.hp * plan.wp).read(source);
        Tensor windows = s.dims(n, c, plan.pixels, plan.window).tensor(WINDOWS, null, b, x.dtype());
        p.gather(flat, 2, avgTable(s, plan, b), windows);
        Tensor y4 = s.dims(n, c, plan.pixels, 1).write(AVG_Y, y);
        p.reduce(Reduce.SUM, windows, y4);
        Tensor counts = s.dims(1, 1, plan.pixels, 1).tensor(AVG_COUNTS, g, b, x.dtype());
        if (s.created()) {
            counts.setAll(plan.counts());
        }
        p.binary(Binary.DIV, y4, counts, y4);
        s.commit(p, y4, y);
    }

    /** Overwrites {@code dx [N,C,H,W]}: each window's {@code dy / count} added to each of its input positions. */
    public static void avgPool2dBackward(Primitives p, Tensor dy, ConvGeometry g, Tensor dx) {
        KernelScratch s = KernelScratch.current();
        WindowPlan plan = s.memo(PLAN, g, WindowPlan::new);
        int n = g.batch();
        int c = g.channels();
        Backend b = dy.backend();
        // dy / count in dy's own shape (a caller may pass a new view of dy every call), then repeated kh·kw times
        Tensor counts = s.dims(1, 1, g.outHeight(), g.outWidth()).tensor(AVG_COUNTS, g, b, dy.dtype());
        if (s.created()) {
            counts.setAll(plan.counts());
        }
        Tensor perWindow = s.dims(n, c, g.outHeight(), g.outWidth()).tensor(AVG_PER_WINDOW, null, b, dy.dtype());
        p.binary(Binary.DIV, dy, counts, perWindow);
        perWindow = s.dims(n, c, plan.pixels, 1).read(perWindow);
        Tensor zeros = s.dims(1, 1, 1, plan.window).tensor(AVG_ZEROS, null, b, dy.dtype());   // never written
        Tensor shares = s.dims(n, c, plan.pixels, plan.window).tensor(AVG_SHARES, null, b, dy.dtype());
        p.binary(Binary.ADD, perWindow, zeros, shares);
        Tensor table = avgTable(s, plan, b);
        if (g.unpadded()) {
            Tensor dxFlat = s.dims(n, c, plan.hp * plan.wp).write(AVG_DX, dx);
            p.fill(dxFlat, 0);
            p.scatterAdd(shares, 2, table, dxFlat);
            s.commit(p, dxFlat, dx);
        } else {
            Tensor dxp = s.dims(n, c, plan.hp * plan.wp).tensor(AVG_DX_PADDED, null, b, dy.dtype());
            p.fill(dxp, 0);
            p.scatterAdd(shares, 2, table, dxp);
            p.copyRegion(s.dims(n, c, plan.hp, plan.wp).read(dxp), plan.padOffset, WindowPlan.ONES, dx,
                    WindowPlan.ZEROS, plan.inputExtent);
        }
    }

    private static Tensor avgTable(KernelScratch s, WindowPlan plan, Backend b) {
        Tensor table = s.dims(plan.pixels, plan.window).tensor(AVG_TABLE, plan.g, b, DType.INT32);
        if (s.created()) {
            table.setAll(plan.paddedWindows());
        }
        return table;
    }
}
