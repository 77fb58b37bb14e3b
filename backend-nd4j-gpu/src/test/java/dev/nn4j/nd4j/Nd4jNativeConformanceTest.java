package dev.nn4j.nd4j;

import dev.nn4j.conformance.ConcurrentEvaluationConformance;
import dev.nn4j.conformance.FusionConformance;
import dev.nn4j.conformance.GradientConformance;
import dev.nn4j.conformance.ImageGradientConformance;
import dev.nn4j.conformance.ImageKernelConformance;
import dev.nn4j.conformance.KernelConformance;
import dev.nn4j.conformance.LayerConformance;
import dev.nn4j.conformance.NumericalFaultConformance;
import dev.nn4j.conformance.OptimizerConformance;
import dev.nn4j.conformance.PrimitiveConformance;
import dev.nn4j.conformance.RandomImageKernelConformance;
import dev.nn4j.conformance.RandomKernelConformance;
import dev.nn4j.conformance.TensorCastConformance;
import dev.nn4j.conformance.TensorConformance;
import dev.nn4j.conformance.TorchOpConformance;
import dev.nn4j.conformance.TrainingConformance;
import dev.nn4j.tensor.Backend;
import org.junit.jupiter.api.Nested;

/**
 * The conformance suites that exercise primitives and kernels (fused kernels against their
 * defaults included), once more with the heap path off
 * ({@code hostBelow = 0}), so that the native ops keep their coverage: most shapes in the suites
 * are small enough to run on the heap in {@link Nd4jConformanceTest}. Left out, because they do
 * not depend on where a kernel runs: shape and bad-input errors (checked in {@code Ops} before any
 * kernel), models, model files, listeners and the Toy facade (these find the backend by name,
 * which is the default instance).
 */
class Nd4jNativeConformanceTest {
    private static final Nd4jBackend NATIVE = new Nd4jBackend(0);

    @Nested
    class Kernels extends KernelConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class Primitives extends PrimitiveConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class Fusion extends FusionConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class RandomKernels extends RandomKernelConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class ImageKernels extends ImageKernelConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class RandomImageKernels extends RandomImageKernelConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class ImageGradients extends ImageGradientConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class Tensors extends TensorConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class TensorCasts extends TensorCastConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class Layers extends LayerConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }

        /** Natively a prediction of the 2-4-1 net costs ~100 us: 2,000 per thread instead of 100,000 keep this ~2 s. */
        @Override
        protected int predictionsPerThread() {
            return 2_000;
        }
    }

    @Nested
    class Gradients extends GradientConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class Optimizers extends OptimizerConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class Training extends TrainingConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class ConcurrentEvaluation extends ConcurrentEvaluationConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class NumericalFaults extends NumericalFaultConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }

    @Nested
    class TorchOps extends TorchOpConformance {
        @Override
        protected Backend backend() {
            return NATIVE;
        }
    }
}
