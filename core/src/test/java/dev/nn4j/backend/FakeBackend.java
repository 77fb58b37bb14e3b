package dev.nn4j.backend;

import dev.nn4j.tensor.Availability;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/** A backend that only has a name, a priority (and why) and an availability: enough to test selection. */
final class FakeBackend implements Backend {
    private final String name;
    private final int priority;
    private final Availability availability;
    private final String priorityReason;

    FakeBackend(String name, int priority, Availability availability) {
        this(name, priority, availability, "");
    }

    FakeBackend(String name, int priority, Availability availability, String priorityReason) {
        this.name = name;
        this.priority = priority;
        this.availability = availability;
        this.priorityReason = priorityReason;
    }

    @Override
    public String priorityReason() {
        return priorityReason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public String device() {
        return "none (selection test)";
    }

    @Override
    public Kernels kernels() {
        throw new UnsupportedOperationException("selection-test backend has no kernels");
    }

    @Override
    public Tensor create(DType dtype, Shape shape) {
        throw new UnsupportedOperationException("selection-test backend has no tensors");
    }
}
