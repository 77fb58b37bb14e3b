package dev.nn4j.conformance;

import dev.nn4j.io.LegacyFileConformance;
import dev.nn4j.io.LegacyTrainingConformance;
import dev.nn4j.io.ModelFileConformance;
import dev.nn4j.tensor.Backend;
import dev.nn4j.toy.NeuralNetworkConformance;
import org.junit.jupiter.api.Nested;

/**
 * Every conformance suite in one class. A backend module runs all of them with one file:
 * <pre>{@code
 * class PlainConformanceTest extends BackendConformanceSuite {
 *     protected Backend backend() { return Backends.get("plain"); }
 * }
 * }</pre>
 * Each suite is a {@link Nested} class here, so a new suite added to core runs in every
 * backend module without touching them.
 */
public abstract class BackendConformanceSuite {

    /** The backend under test; return the instance {@link dev.nn4j.backend.Backends} holds. */
    protected abstract Backend backend();

    /**
     * Whether the backend repeats nn4j 0.1's training bit for bit ({@link LegacyTrainingConformance}): only a backend
     * whose kernels add as 0.1's plain backend did (the plain backend) returns true; others are held to a tolerance.
     */
    protected boolean trainsBitForBitAs01() {
        return false;
    }

    @Nested
    class Kernels extends KernelConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class LayerTypes extends LayerTypeConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class TorchLayers extends TorchLayerConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class GraphModels extends GraphModelConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Primitives extends PrimitiveConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class RandomKernels extends RandomKernelConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class ShapeErrors extends ShapeErrorConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class ImageKernels extends ImageKernelConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class RandomImageKernels extends RandomImageKernelConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class ImageGradients extends ImageGradientConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class ImageShapeErrors extends ImageShapeErrorConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Tensors extends TensorConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class TensorCasts extends TensorCastConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class IntegerRefusals extends IntegerRefusalConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Layers extends LayerConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Gradients extends GradientConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Optimizers extends OptimizerConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Models extends ModelConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Training extends TrainingConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Listeners extends ListenersConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class BadInputs extends BadInputConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class ConcurrentEvaluation extends ConcurrentEvaluationConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class NumericalFaults extends NumericalFaultConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class ModelFiles extends ModelFileConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class LegacyFiles extends LegacyFileConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class LegacyTraining extends LegacyTrainingConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }

        @Override
        protected boolean trainsBitForBitAs01() {
            return BackendConformanceSuite.this.trainsBitForBitAs01();
        }
    }

    @Nested
    class Fusion extends FusionConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class ToyFacade extends NeuralNetworkConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class OpGradients extends OpGradientConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class Plans extends PlanConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }

    @Nested
    class TorchOps extends TorchOpConformance {
        @Override
        protected Backend backend() {
            return BackendConformanceSuite.this.backend();
        }
    }
}
