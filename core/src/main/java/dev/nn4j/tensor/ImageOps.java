package dev.nn4j.tensor;


/**
 * Checked operations on NCHW image batches ({@code [batch, channels, height, width]}) and
 * batch normalisation: each validates backends, dtypes (FLOAT32 or FLOAT64, one for all
 * operands) and every shape against the {@link ConvGeometry}, then calls the operands'
 * backend's kernels. A violation throws {@link OpException} naming the operation, the
 * operands with their shapes and dtypes, and the rule, e.g.
 * {@code conv2d: x is [2x3x4x5] FLOAT32; expected [2x3x5x4]}. Out-parameter forms only:
 * layers call them on buffers allocated once. A passing check costs a few int and enum
 * comparisons and allocates nothing.
 */
public final class ImageOps {
    private ImageOps() {
    }

    /**
     * {@code z = conv(x, w) + bias}, {@code y = f(z)}: {@code x [N,C,H,W]}, {@code w [F,C,kh,kw]},
     * {@code bias [F]} or null, {@code z, y [N,F,Ho,Wo]} ({@code y} may be {@code z}).
     */
    public static void conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Activation f, Tensor z, Tensor y) {
        String op = "conv2d";
        if (f.isRowWise()) {
            throw new OpException(op, "x", x, "activation " + f.id() + " works per row; use it in a dense layer");
        }
        int filters = w.rank() == 4 ? w.shape().dim(0) : -1;
        checkFilters(op, x, w, bias, g);
        same(op, "z", z, x);
        same(op, "y", y, x);
        output(op, "z", z, g, filters);
        output(op, "y", y, g, filters);
        x.backend().kernels().conv2d(x, w, bias, g, f, z, y);
    }

    /**
     * The convolution's gradients from {@code dz [N,F,Ho,Wo]}: {@code dw [F,C,kh,kw]}, {@code db [F]}
     * (null when the layer has no bias) and {@code dx [N,C,H,W]} (null to skip), all overwritten.
     */
    public static void conv2dBackward(Tensor x, Tensor w, Tensor dz, ConvGeometry g, Tensor dw, Tensor db, Tensor dx) {
        String op = "conv2d backward";
        checkFilters(op, x, w, db, g);
        int filters = w.shape().dim(0);
        same(op, "dz", dz, x);
        output(op, "dz", dz, g, filters);
        same(op, "dw", dw, x);
        expect(op, "dw", dw, w.shape());
        if (dx != null) {
            same(op, "dx", dx, x);
            expect(op, "dx", dx, x.shape());
        }
        if (dw == w || dx == x) {
            throw dx == null ? new OpException(op, "dw", dw, "w", w, "dw must be separate from w")
                    : new OpException(op, new String[] {"dw", "w", "dx", "x"}, new Tensor[] {dw, w, dx, x},
                    "dw and dx must be separate from w and x");
        }
        x.backend().kernels().conv2dBackward(x, w, dz, g, dw, db, dx);
    }

    /** Max pooling {@code x [N,C,H,W] -> y [N,C,Ho,Wo]}. */
    public static void maxPool2d(Tensor x, ConvGeometry g, Tensor y) {
        checkPool("maxPool2d", "x", x, "y", y, g);
        x.backend().kernels().maxPool2d(x, g, y);
    }

    /** Max pooling's input gradient {@code dx [N,C,H,W]} from {@code dy [N,C,Ho,Wo]} and the forward input {@code x}. */
    public static void maxPool2dBackward(Tensor x, Tensor dy, ConvGeometry g, Tensor dx) {
        checkPool("maxPool2d backward", "x", x, "dy", dy, g);
        same("maxPool2d backward", "dx", dx, x);
        expect("maxPool2d backward", "dx", dx, x.shape());
        x.backend().kernels().maxPool2dBackward(x, dy, g, dx);
    }

    /** Average pooling {@code x [N,C,H,W] -> y [N,C,Ho,Wo]}; padding is not counted in the divisor. */
    public static void avgPool2d(Tensor x, ConvGeometry g, Tensor y) {
        checkPool("avgPool2d", "x", x, "y", y, g);
        x.backend().kernels().avgPool2d(x, g, y);
    }

    /** Average pooling's input gradient {@code dx [N,C,H,W]} from {@code dy [N,C,Ho,Wo]}. */
    public static void avgPool2dBackward(Tensor dy, ConvGeometry g, Tensor dx) {
        checkPool("avgPool2d backward", "dx", dx, "dy", dy, g);
        dy.backend().kernels().avgPool2dBackward(dy, g, dx);
    }

    /** Per-channel batch mean and biased variance of {@code x} viewed as {@code [N, channels, S]}, into two {@code [channels]} tensors. */
    public static void channelMeanVariance(Tensor x, int channels, Tensor mean, Tensor variance) {
        String op = "channelMeanVariance";
        checkChannels(op, x, channels);
        vector(op, "mean", mean, x, channels);
        vector(op, "variance", variance, x, channels);
        x.backend().kernels().channelMeanVariance(x, channels, mean, variance);
    }

    /** {@code y = gamma · (x - mean) / sqrt(variance + eps) + beta} per channel; every per-channel tensor is {@code [channels]}. */
    public static void batchNorm(Tensor x, int channels, Tensor mean, Tensor variance, double eps, Tensor gamma,
                                 Tensor beta, Tensor y) {
        String op = "batchNorm";
        checkChannels(op, x, channels);
        checkEps(op, x, eps);
        vector(op, "mean", mean, x, channels);
        vector(op, "variance", variance, x, channels);
        vector(op, "gamma", gamma, x, channels);
        vector(op, "beta", beta, x, channels);
        same(op, "y", y, x);
        expect(op, "y", y, x.shape());
        x.backend().kernels().batchNorm(x, channels, mean, variance, eps, gamma, beta, y);
    }

    /** Batch normalisation's training-mode gradients: {@code dx} (shape of x, may be dy), {@code dgamma} and {@code dbeta} {@code [channels]}. */
    public static void batchNormBackward(Tensor x, Tensor dy, int channels, Tensor mean, Tensor variance, double eps,
                                         Tensor gamma, Tensor dx, Tensor dgamma, Tensor dbeta) {
        String op = "batchNorm backward";
        checkChannels(op, x, channels);
        checkEps(op, x, eps);
        same(op, "dy", dy, x);
        expect(op, "dy", dy, x.shape());
        same(op, "dx", dx, x);
        expect(op, "dx", dx, x.shape());
        vector(op, "mean", mean, x, channels);
        vector(op, "variance", variance, x, channels);
        vector(op, "gamma", gamma, x, channels);
        vector(op, "dgamma", dgamma, x, channels);
        vector(op, "dbeta", dbeta, x, channels);
        x.backend().kernels().batchNormBackward(x, dy, channels, mean, variance, eps, gamma, dx, dgamma, dbeta);
    }

    // ---- checks: comparisons only; the OpException and its message are built when one fails ----

    private static void checkFilters(String op, Tensor x, Tensor w, Tensor bias, ConvGeometry g) {
        input(op, "x", x, g);
        same(op, "w", w, x);
        if (w.rank() != 4 || w.shape().dim(1) != g.channels() || w.shape().dim(2) != g.kernelH()
                || w.shape().dim(3) != g.kernelW()) {
            throw new OpException(op, "w", w, "x", x, "for a " + g.kernelH() + "x" + g.kernelW()
                    + " kernel w must be [filters x " + g.channels() + "x" + g.kernelH() + "x" + g.kernelW() + "]");
        }
        if (bias != null) {
            same(op, "bias", bias, x);
            if (bias.rank() != 1 || bias.size() != w.shape().dim(0)) {
                throw new OpException(op, "bias", bias, "w", w, "expected [" + w.shape().dim(0) + "]");
            }
        }
    }

    /** {@code in} must be the geometry's input shape, {@code out} its output shape; each is named as the caller's parameter. */
    private static void checkPool(String op, String inName, Tensor in, String outName, Tensor out, ConvGeometry g) {
        input(op, inName, in, g);
        same(op, outName, out, in);
        output(op, outName, out, g, g.channels());
        if (g.padTop() >= g.kernelH() || g.padBottom() >= g.kernelH() || g.padLeft() >= g.kernelW()
                || g.padRight() >= g.kernelW()) {
            throw new OpException(op, inName, in, "pooling padding must be smaller than the window, got " + g);
        }
    }

    private static void checkChannels(String op, Tensor x, int channels) {
        Checks.floating(op, "x", x);
        if (x.rank() < 2 || x.shape().dim(1) != channels) {
            throw new OpException(op, "x", x, "its dimension 1 must be the " + channels + " channels");
        }
    }

    private static void checkEps(String op, Tensor x, double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new OpException(op, "x", x, "eps must be positive and finite, got " + eps);
        }
    }

    private static void vector(String op, String name, Tensor t, Tensor x, int channels) {
        same(op, name, t, x);
        if (t.rank() != 1 || t.size() != channels) {
            throw new OpException(op, name, t, "it must be [" + channels + "]");
        }
    }

    /** Same backend and dtype as {@code x} (whose dtype the caller has checked is floating). */
    private static void same(String op, String name, Tensor t, Tensor x) {
        if (!Checks.compatible(t, x)) {
            throw Checks.mismatch(op, false, new String[] {name, "x"}, new Tensor[] {t, x});
        }
    }

    /** The geometry's input shape, in FLOAT32 or FLOAT64. */
    private static void input(String op, String name, Tensor t, ConvGeometry g) {
        Checks.floating(op, name, t);
        if (!g.isInput(t.shape())) {
            throw new OpException(op, name, t, "expected " + g.inputShape());
        }
    }

    private static void output(String op, String name, Tensor t, ConvGeometry g, int channels) {
        if (!g.isOutput(t.shape(), channels)) {
            throw new OpException(op, name, t, "expected " + g.outputShape(channels));
        }
    }

    private static void expect(String op, String name, Tensor t, Shape shape) {
        if (!t.shape().equals(shape)) {
            throw new OpException(op, name, t, "expected " + shape);
        }
    }
}
