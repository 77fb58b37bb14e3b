package dev.nn4j.nn;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Work buffers keyed by the shape of a tensor they serve (e.g. a layer's input batch): a
 * group is created on first use of a shape and reused afterwards, so the training loop
 * allocates nothing in steady state. Keeps the {@value #MAX_SHAPES} most recently used
 * shapes (full batch, last partial batch, a prediction shape...) and closes evicted buffers.
 */
final class BufferCache {
    static final int MAX_SHAPES = 4;

    private final Function<Tensor, Tensor[]> factory;
    private final LinkedHashMap<Shape, Tensor[]> groups = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Shape, Tensor[]> eldest) {
            if (size() > MAX_SHAPES) {
                closeAll(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    private Backend backend;
    private DType dtype;
    /** The shape object of the last lookup and its group; compared by identity, no hashing. */
    private Shape lastShape;
    private Tensor[] lastGroup;

    /** {@code factory} creates the group of buffers that serves a given tensor. */
    BufferCache(Function<Tensor, Tensor[]> factory) {
        this.factory = factory;
    }

    /** The buffers for tensors shaped like {@code like} (on its backend and dtype). */
    Tensor[] get(Tensor like) {
        Shape shape = like.shape();
        if (shape == lastShape && like.backend() == backend && like.dtype() == dtype) {
            return lastGroup;   // the common case: the same tensor (or shape object) as last time
        }
        if (like.backend() != backend || like.dtype() != dtype) {
            clear();
            backend = like.backend();
            dtype = like.dtype();
        }
        Tensor[] group = groups.get(shape);
        if (group == null) {
            group = factory.apply(like);
            groups.put(shape, group);
        }
        lastShape = shape;
        lastGroup = group;
        return group;
    }

    /** Closes and forgets every buffer. */
    void clear() {
        for (Tensor[] group : groups.values()) {
            closeAll(group);
        }
        groups.clear();
        lastShape = null;
        lastGroup = null;
    }

    private static void closeAll(Tensor[] group) {
        for (Tensor t : group) {
            t.close();
        }
    }
}
