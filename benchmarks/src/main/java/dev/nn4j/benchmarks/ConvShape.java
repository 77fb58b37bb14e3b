package dev.nn4j.benchmarks;

import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Shape;

/**
 * The convolutions timed by {@link ConvForwardBenchmark}, batch 64, float32: the two layers of
 * the Fashion-MNIST CNN (3x3 SAME) and of LeNet (5x5 VALID).
 *
 * @param geometry the window over the input batch
 * @param filters  output channels
 */
record ConvShape(ConvGeometry geometry, int filters) {
    static final int BATCH = 64;

    /**
     * {@code fashion1} conv3x3x32 SAME on 1x28x28; {@code fashion2} conv3x3x64 SAME on 32x14x14;
     * {@code lenet1} conv5x5x20 on 1x28x28; {@code lenet2} conv5x5x50 on 20x12x12.
     */
    static ConvShape parse(String name) {
        return switch (name) {
            case "fashion1" -> of(1, 28, 3, 1, 32);
            case "fashion2" -> of(32, 14, 3, 1, 64);
            case "lenet1" -> of(1, 28, 5, 0, 20);
            case "lenet2" -> of(20, 12, 5, 0, 50);
            default -> throw new IllegalArgumentException("conv shape: unknown " + name
                    + "; use fashion1, fashion2, lenet1 or lenet2");
        };
    }

    private static ConvShape of(int channels, int size, int kernel, int pad, int filters) {
        ConvGeometry g = ConvGeometry.of(Shape.of(BATCH, channels, size, size), kernel, kernel, 1, 1,
                new int[] {pad, pad, pad, pad});
        return new ConvShape(g, filters);
    }

    /** Multiply-adds times two: {@code 2·N·F·Ho·Wo·C·kh·kw}. */
    double flops() {
        return 2.0 * geometry.batch() * filters * geometry.outPixels() * geometry.patchSize();
    }
}
