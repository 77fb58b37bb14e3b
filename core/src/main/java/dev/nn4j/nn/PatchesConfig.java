package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * Cuts images into square patches, a vision transformer's tokens: {@code [C, H, W] -> [(H/p)·(W/p),
 * C·p·p]}, patches in row-major order, each patch's values in {@code (C, row, column)} order (the
 * layout of a {@code p x p} stride-{@code p} convolution's weights, so a dense layer after it is
 * ViT's patch embedding). {@code H} and {@code W} must be multiples of {@code p}. No parameters;
 * cost one copy.
 */
public record PatchesConfig(int patch) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "patches";

    /** Validates the size. */
    public PatchesConfig {
        if (patch < 1) {
            throw new IllegalArgumentException("patches: patch must be >= 1, got " + patch);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.requireImage(input);
        if (input.dim(1) % patch != 0 || input.dim(2) % patch != 0) {
            throw new IllegalArgumentException("image " + input + " does not divide into " + patch + "x" + patch
                    + " patches");
        }
        return Shape.of((input.dim(1) / patch) * (input.dim(2) / patch), input.dim(0) * patch * patch);
    }

    @Override
    public Var forward(LayerScope s, Var x) {
        int n = x.dim(0);
        int c = x.dim(1);
        int rows = x.dim(2) / patch;
        int cols = x.dim(3) / patch;
        Var split = F.reshape(x, Shape.of(n, c, rows, patch, cols, patch));
        Var ordered = F.permute(split, 0, 2, 4, 1, 3, 5);                     // [n, rows, cols, C, p, p]
        return F.reshape(ordered, Shape.of(n, rows * cols, c * patch * patch));
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("patch", patch);
    }

    /** Reads {@link #toJson()}'s form. */
    public static PatchesConfig read(LayerJson j) {
        return new PatchesConfig(j.integer("patch"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new PatchesConfig(2), 2, 4, 6), LayerExample.of(new PatchesConfig(3), 1, 3, 3));
    }

    @Override
    public String toString() {
        return TYPE + " " + patch + "x" + patch;
    }
}
