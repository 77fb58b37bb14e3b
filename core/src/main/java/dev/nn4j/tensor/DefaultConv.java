package dev.nn4j.tensor;

/**
 * The defaults of {@link Kernels#conv2d} and {@link Kernels#conv2dBackward}, written with
 * {@link Primitives} only: im2col by {@code gather}, then batched {@code gemm}.
 *
 * <p>With {@code K = C·kh·kw} and {@code P = Ho·Wo}: the input, copied into a buffer (with
 * {@code copyRegion} into a zero border when padded), is viewed as {@code [N, C·Hp·Wp]} and gathered along
 * axis 1 by an INT32 table {@code [K, P]} (built on the host once per geometry, backend and
 * thread) into the columns {@code [N, K, P]}. The forward pass is then one batched product
 * {@code [1, F, K] · [N, K, P] → [N, F, P]}, the bias a broadcast add, the activation
 * {@link DefaultActivations#activation}. The backward pass takes {@code dw} as the per-image
 * products {@code dz · colsᵀ} summed over the batch, {@code db} as a reduction of {@code dz},
 * and {@code dx} as {@code wᵀ · dz} scattered back with {@code scatterAdd} through the same
 * table ({@code dz} viewed as {@code [N, F, P]} through a copy). Inputs and incoming gradients
 * are copied rather than viewed because a caller may pass a new tensor (a new reshape) every
 * call, whose view could not be cached; parameters and outputs are viewed. Temporaries
 * ({@link KernelScratch}): the input buffer, the table, the columns, the copy of {@code dz}, the
 * per-image weight gradients and the padded input gradient, reused while the geometry stays.
 */
public final class DefaultConv {
    private static final Object PLAN = "conv2d plan";
    private static final Object TABLE = "conv2d im2col table";
    private static final Object PADDED = "conv2d padded x";
    private static final Object COLUMNS = "conv2d columns";
    private static final Object Z = "conv2d z";
    private static final Object DZ = "conv2d dz";
    private static final Object DW_PER_IMAGE = "conv2d dw per image";
    private static final Object DW = "conv2d dw";
    private static final Object DB = "conv2d db";
    private static final Object DX_PADDED = "conv2d padded dx";
    private static final Object DX = "conv2d dx";

    private DefaultConv() {
    }

    /**
     * {@code z = bias + w ⋆ x} (cross-correlation, zero padding), then {@code y = f(z)}; shapes
     * as {@link Kernels#conv2d} states ({@code bias} may be null, {@code y} may be {@code z}).
     */
    public static void conv2d(Primitives p, Tensor x, Tensor w, Tensor bias, ConvGeometry g, Activation f, Tensor z,
                              Tensor y) {
        KernelScratch s = KernelScratch.current();
        WindowPlan plan = s.memo(PLAN, g, WindowPlan::new);
        int n = g.batch();
        int filters = w.shape().dim(0);
        int k = g.patchSize();
        Tensor cols = columns(p, s, plan, x);
        Tensor w3 = s.dims(1, filters, k).read(w);
        Tensor z3 = s.dims(n, filters, plan.pixels).write(Z, z);
        p.gemm(false, false, 1, w3, cols, 0, z3);
        s.commit(p, z3, z);
        if (bias != null) {
            p.binary(Binary.ADD, z, s.dims(1, filters, 1, 1).read(bias), z);
        }
        DefaultActivations.activation(p, f, z, y);
    }

    /**
     * The convolution's gradients from {@code dz [N,F,Ho,Wo]}: overwrites {@code dw}, {@code db}
     * (when not null) and {@code dx} (when not null), as {@link Kernels#conv2dBackward} states.
     */
    public static void conv2dBackward(Primitives p, Tensor x, Tensor w, Tensor dz, ConvGeometry g, Tensor dw,
                                      Tensor db, Tensor dx) {
        KernelScratch s = KernelScratch.current();
        WindowPlan plan = s.memo(PLAN, g, WindowPlan::new);
        int n = g.batch();
        int filters = w.shape().dim(0);
        int k = g.patchSize();
        Tensor dzCopy = s.like(DZ, dz);
        p.copy(dz, dzCopy);
        Tensor dz3 = s.dims(n, filters, plan.pixels).read(dzCopy);
        Tensor cols = columns(p, s, plan, x);
        Tensor dw3 = s.dims(1, filters, k).write(DW, dw);
        if (n == 1) {
            p.gemm(false, true, 1, dz3, cols, 0, dw3);
        } else {
            Tensor perImage = s.dims(n, filters, k).tensor(DW_PER_IMAGE, null, x.backend(), x.dtype());
            p.gemm(false, true, 1, dz3, cols, 0, perImage);
            p.reduce(Reduce.SUM, perImage, dw3);
        }
        s.commit(p, dw3, dw);
        if (db != null) {
            Tensor db4 = s.dims(1, filters, 1, 1).write(DB, db);
            p.reduce(Reduce.SUM, dz, db4);
            s.commit(p, db4, db);
        }
        if (dx != null) {
            Tensor dcols = cols;   // the columns are spent: reuse them for the column gradients
            p.gemm(true, false, 1, s.dims(1, filters, k).read(w), dz3, 0, dcols);
            Tensor table = table(s, plan, x);
            if (g.unpadded()) {
                Tensor dxFlat = s.dims(n, g.inputPlane()).write(DX, dx);
                p.fill(dxFlat, 0);
                p.scatterAdd(dcols, 1, table, dxFlat);
                s.commit(p, dxFlat, dx);
            } else {
                Tensor dxp = s.dims(n, g.channels() * plan.hp * plan.wp).tensor(DX_PADDED, null, x.backend(),
                        x.dtype());
                p.fill(dxp, 0);
                p.scatterAdd(dcols, 1, table, dxp);
                p.copyRegion(s.dims(n, g.channels(), plan.hp, plan.wp).read(dxp), plan.padOffset, WindowPlan.ONES,
                        dx, WindowPlan.ZEROS, plan.inputExtent);
            }
        }
    }

    /** The im2col columns {@code [N, K, P]} of {@code x} (padded as the geometry says). */
    private static Tensor columns(Primitives p, KernelScratch s, WindowPlan plan, Tensor x) {
        ConvGeometry g = plan.g;
        int n = g.batch();
        // keyed by the geometry, so only the interior is ever written and the border stays zero
        Tensor source = s.dims(n, g.channels(), plan.hp, plan.wp).tensor(PADDED, g, x.backend(), x.dtype());
        if (g.unpadded()) {
            p.copy(x, source);
        } else {
            p.copyRegion(x, WindowPlan.ZEROS, WindowPlan.ONES, source, plan.padOffset, plan.inputExtent);
        }
        Tensor flat = s.dims(n, g.channels() * plan.hp * plan.wp).read(source);
        Tensor table = table(s, plan, x);
        Tensor cols = s.dims(n, g.patchSize(), plan.pixels).tensor(COLUMNS, null, x.backend(), x.dtype());
        p.gather(flat, 1, table, cols);
        return cols;
    }

    /** The INT32 im2col table {@code [K, P]} of the plan's geometry on {@code x}'s backend. */
    private static Tensor table(KernelScratch s, WindowPlan plan, Tensor x) {
        Tensor table = s.dims(plan.g.patchSize(), plan.pixels).tensor(TABLE, plan.g, x.backend(), DType.INT32);
        if (s.created()) {
            table.setAll(plan.im2col());
        }
        return table;
    }
}
