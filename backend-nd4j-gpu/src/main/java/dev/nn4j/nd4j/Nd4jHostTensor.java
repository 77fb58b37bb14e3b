package dev.nn4j.nd4j;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.ArrayTensor;

/**
 * The heap face of an {@link Nd4jTensor}: an {@link ArrayTensor} with the tensor's shape over
 * its {@link Nd4jStorage}'s mirror, so that core's {@link ArrayKernels} can run on it. Made
 * once per tensor (and per view) and reused; it does not synchronise anything itself, the
 * kernels call {@link Nd4jTensor#hostRead()} and {@link Nd4jTensor#hostWrite()}, which do.
 */
final class Nd4jHostTensor extends ArrayTensor {
    Nd4jHostTensor(Nd4jTensor t, Nd4jStorage storage) {
        super(t.backend(), t.dtype(), t.shape(), storage.mirror());
    }
}
