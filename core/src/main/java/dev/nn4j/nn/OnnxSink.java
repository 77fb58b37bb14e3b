package dev.nn4j.nn;

import dev.nn4j.autodiff.Parameter;
import java.util.List;

/**
 * Where a layer writes its ONNX form ({@link LayerConfig#toOnnx}): nodes, their attributes and
 * initializers, without protobuf (the {@code nn4j-onnx} module implements it and serializes).
 * Nodes form a chain: {@link #node} reads the current value (at first the layer's first input)
 * and its output becomes the current value; the layer's output is the current value when
 * {@code toOnnx} returns. One export at a time, one thread.
 */
public interface OnnxSink {

    /** A node being written; attributes are added in the order of the calls. */
    interface Node {
        /** An INT attribute. */
        Node attribute(String name, long value);

        /** A FLOAT attribute (rounded to float, as ONNX stores it). */
        Node attribute(String name, double value);

        /** A STRING attribute. */
        Node attribute(String name, String value);

        /** An INTS attribute. */
        Node ints(String name, long... values);
    }

    /** The ONNX value names of the layer's inputs, in the node's order (the first is where the chain starts). */
    List<String> inputs();

    /**
     * Appends node {@code name} of ONNX type {@code op} (default domain, the exporter's opset)
     * reading the current value and then {@code extraInputs} (initializers or values), and makes
     * its one output the current value.
     */
    Node node(String name, String op, String... extraInputs);

    /** Writes {@code values} as an INT64 initializer of shape {@code [values.length]} called {@code name} (a shape, axes); returns the name. */
    String constant(String name, long... values);

    /** Writes {@code p}'s values as a FLOAT initializer of shape {@code dims} named as the parameter; returns the name. */
    String initializer(Parameter p, long... dims);
}
