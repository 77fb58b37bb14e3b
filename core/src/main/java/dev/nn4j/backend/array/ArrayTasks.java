package dev.nn4j.backend.array;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import java.util.function.Supplier;

/**
 * The array kernels split into parts, each kernel's operands held in the fields of a reusable
 * {@link Task} rather than captured by a lambda: a warm training step that splits its kernels
 * over threads then allocates nothing for them.
 *
 * <p>Each calling thread takes its own task ({@link Local#take}) and gets a fresh one only when its
 * own is busy (a kernel called from inside one of its parts). A task is not thread-safe; other
 * threads run its parts only while {@link Task#runParts} waits for them, and that call drops the
 * references to the operands before it returns, so a finished kernel keeps no array reachable.
 */
final class ArrayTasks {
    static final Local<Adam> ADAM = new Local<>(Adam::new);
    static final Local<Activations> ACTIVATIONS = new Local<>(Activations::new);
    static final Local<Pool> POOL = new Local<>(Pool::new);
    static final Local<Norm> NORM = new Local<>(Norm::new);

    private ArrayTasks() {
    }

    /** A kernel over {@code [0, count)} (elements, planes, channels or images) run as near-equal parts. */
    abstract static class Task implements ArrayParallel.Part {
        private int parts;
        private int count;
        private boolean busy;

        /**
         * Computes the kernel: on the calling thread when {@code parts <= 1} (not inside a part, so a
         * product there may still use threads), else as {@code parts} parts of {@code parallel}.
         * Releases the task afterwards.
         */
        final void runParts(ArrayParallel parallel, int parts, int count) {
            this.parts = parts;
            this.count = count;
            try {
                if (parts <= 1) {
                    range(0, 0, count);
                } else {
                    parallel.run(parts, this);
                }
            } finally {
                clear();
                busy = false;
            }
        }

        /** Marks the task busy; false when it already was. */
        final boolean claim() {
            if (busy) {
                return false;
            }
            busy = true;
            return true;
        }

        @Override
        public final void run(int index) {
            range(index, ArrayKernels.from(index, parts, count), ArrayKernels.from(index + 1, parts, count));
        }

        /** Computes part {@code part}, which covers {@code [from, to)}. */
        abstract void range(int part, int from, int to);

        /** Sets every operand field to null. */
        abstract void clear();
    }

    /** Per-thread instances of one task class. */
    static final class Local<T extends Task> {
        private final Supplier<T> make;
        private final ThreadLocal<T> local;

        Local(Supplier<T> make) {
            this.make = make;
            this.local = ThreadLocal.withInitial(make);
        }

        /** The calling thread's task, marked busy; a new one while that one is running. */
        T take() {
            T task = local.get();
            if (!task.claim()) {
                task = make.get();
                task.claim();
            }
            return task;
        }
    }

    /** The FLOAT32 Adam update over element ranges, through the kernels' (possibly vectorised) {@code adamRange}. */
    static final class Adam extends Task {
        private ArrayKernels kernels;
        private float[] w;
        private float[] g;
        private float[] m;
        private float[] v;
        private double beta1;
        private double beta2;
        private double stepSize;
        private double vScale;
        private double epsilon;

        Adam set(ArrayKernels kernels, float[] w, float[] g, float[] m, float[] v, double beta1, double beta2,
                 double stepSize, double vScale, double epsilon) {
            this.kernels = kernels;
            this.w = w;
            this.g = g;
            this.m = m;
            this.v = v;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.stepSize = stepSize;
            this.vScale = vScale;
            this.epsilon = epsilon;
            return this;
        }

        @Override
        void range(int part, int from, int to) {
            kernels.adamRange(w, g, m, v, beta1, beta2, stepSize, vScale, epsilon, from, to);
        }

        @Override
        void clear() {
            kernels = null;
            w = g = m = v = null;
        }
    }

    /** An element-wise activation, forward ({@code dy == null}) or backward, over element ranges. */
    static final class Activations extends Task {
        private Activation f;
        private float[] x;
        private float[] y;
        private float[] dy;
        private float[] dx;

        /** Forward: {@code y = f(x)}. */
        Activations forward(Activation f, float[] x, float[] y) {
            return set(f, x, y, null, null);
        }

        /** Backward: {@code dx = f'(x, y) · dy}. */
        Activations backward(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
            return set(f, x, y, dy, dx);
        }

        private Activations set(Activation f, float[] x, float[] y, float[] dy, float[] dx) {
            this.f = f;
            this.x = x;
            this.y = y;
            this.dy = dy;
            this.dx = dx;
            return this;
        }

        @Override
        void range(int part, int from, int to) {
            if (dy == null) {
                ArrayActivations.map(f, x, y, from, to);
            } else {
                ArrayActivations.backwardRange(f, x, y, dy, dx, from, to);
            }
        }

        @Override
        void clear() {
            f = null;
            x = y = dy = dx = null;
        }
    }

    /** A FLOAT32 pooling kernel over image planes ({@code n·C + c}). */
    static final class Pool extends Task {
        /** Which pooling kernel. */
        enum Kind { MAX, MAX_BACKWARD, AVERAGE, AVERAGE_BACKWARD }

        private Kind kind;
        private ConvGeometry g;
        private float[] x;
        private float[] dy;
        private float[] out;

        /** {@code x} is the forward input (null for the average's backward), {@code dy} the output gradient (null forward). */
        Pool set(Kind kind, ConvGeometry g, float[] x, float[] dy, float[] out) {
            this.kind = kind;
            this.g = g;
            this.x = x;
            this.dy = dy;
            this.out = out;
            return this;
        }

        @Override
        void range(int part, int p0, int p1) {
            switch (kind) {
                case MAX -> ArrayPooling.max(x, g, out, p0, p1);
                case MAX_BACKWARD -> ArrayPooling.maxBackward(x, dy, g, out, p0, p1);
                case AVERAGE -> ArrayPooling.average(x, g, out, p0, p1);
                case AVERAGE_BACKWARD -> ArrayPooling.averageBackward(dy, g, out, p0, p1);
                default -> throw new IllegalStateException("pooling kind " + kind);
            }
        }

        @Override
        void clear() {
            kind = null;
            g = null;
            x = dy = out = null;
        }
    }

    /** A FLOAT32 batch-normalisation kernel over channels, for {@code x} viewed as {@code [n, channels, s]}. */
    static final class Norm extends Task {
        /** Which batch-norm kernel. */
        enum Kind { STATISTICS, NORMALIZE, BACKWARD }

        private Kind kind;
        private int n;
        private int channels;
        private int s;
        private double eps;
        private float[] x;
        private float[] dy;
        private float[] mean;
        private float[] variance;
        private float[] gamma;
        private float[] beta;
        private float[] out;
        private float[] dgamma;
        private float[] dbeta;

        /** Mean and biased variance per channel. */
        Norm statistics(float[] x, int n, int channels, int s, float[] mean, float[] variance) {
            shape(Kind.STATISTICS, x, n, channels, s, mean, variance, 0);
            return this;
        }

        /** {@code y = gamma · (x - mean) / sqrt(variance + eps) + beta}. */
        Norm normalize(float[] x, int n, int channels, int s, float[] mean, float[] variance, double eps,
                       float[] gamma, float[] beta, float[] y) {
            shape(Kind.NORMALIZE, x, n, channels, s, mean, variance, eps);
            this.gamma = gamma;
            this.beta = beta;
            this.out = y;
            return this;
        }

        /** The training-mode gradients {@code dx}, {@code dgamma}, {@code dbeta}. */
        Norm backward(float[] x, float[] dy, int n, int channels, int s, float[] mean, float[] variance, double eps,
                      float[] gamma, float[] dx, float[] dgamma, float[] dbeta) {
            shape(Kind.BACKWARD, x, n, channels, s, mean, variance, eps);
            this.dy = dy;
            this.gamma = gamma;
            this.out = dx;
            this.dgamma = dgamma;
            this.dbeta = dbeta;
            return this;
        }

        private void shape(Kind kind, float[] x, int n, int channels, int s, float[] mean, float[] variance,
                           double eps) {
            this.kind = kind;
            this.x = x;
            this.n = n;
            this.channels = channels;
            this.s = s;
            this.mean = mean;
            this.variance = variance;
            this.eps = eps;
        }

        @Override
        void range(int part, int c0, int c1) {
            switch (kind) {
                case STATISTICS -> ArrayBatchNorm.statistics(x, n, channels, s, mean, variance, c0, c1);
                case NORMALIZE -> ArrayBatchNorm.normalize(x, n, channels, s, mean, variance, eps, gamma, beta, out,
                        c0, c1);
                case BACKWARD -> ArrayBatchNorm.backward(x, dy, n, channels, s, mean, variance, eps, gamma, out,
                        dgamma, dbeta, c0, c1);
                default -> throw new IllegalStateException("batch-norm kind " + kind);
            }
        }

        @Override
        void clear() {
            kind = null;
            x = dy = mean = variance = gamma = beta = out = dgamma = dbeta = null;
        }
    }
}
