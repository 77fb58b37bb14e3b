package dev.nn4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registry of layer types: type name to the reader of that type's JSON (each config record
 * writes itself with {@link LayerConfig#toJson()} and reads itself with a static
 * {@code read(LayerJson)}) and to its {@link LayerExample examples}, which the conformance suites
 * iterate. Adding a layer type is its config file and one line here; an application adds its
 * own types with {@link #register}. Thread-safe.
 */
public final class LayerFormats {
    /** A registered type: how to read it and what to test it with. */
    private record Registered(Function<LayerJson, LayerConfig> reader, Supplier<List<LayerExample>> examples) {
    }

    private static final Map<String, Registered> TYPES = new LinkedHashMap<>();

    static {
        register(DenseConfig.TYPE, DenseConfig::read, DenseConfig::examples);
        register(Conv2DConfig.TYPE, Conv2DConfig::read, Conv2DConfig::examples);
        register(MaxPool2DConfig.TYPE, MaxPool2DConfig::read, MaxPool2DConfig::examples);
        register(AvgPool2DConfig.TYPE, AvgPool2DConfig::read, AvgPool2DConfig::examples);
        register(GlobalAvgPool2DConfig.TYPE, GlobalAvgPool2DConfig::read, GlobalAvgPool2DConfig::examples);
        register(FlattenConfig.TYPE, FlattenConfig::read, FlattenConfig::examples);
        register(DropoutConfig.TYPE, DropoutConfig::read, DropoutConfig::examples);
        register(BatchNormConfig.TYPE, BatchNormConfig::read, BatchNormConfig::examples);
        register(ActivationConfig.TYPE, ActivationConfig::read, ActivationConfig::examples);
        register(AddConfig.TYPE, AddConfig::read, AddConfig::examples);
        register(MultiplyConfig.TYPE, MultiplyConfig::read, MultiplyConfig::examples);
        register(ConcatConfig.TYPE, ConcatConfig::read, ConcatConfig::examples);
        register(LayerNormConfig.TYPE, LayerNormConfig::read, LayerNormConfig::examples);
        register(MultiHeadAttentionConfig.TYPE, MultiHeadAttentionConfig::read, MultiHeadAttentionConfig::examples);
        register(TransformerEncoderConfig.TYPE, TransformerEncoderConfig::read, TransformerEncoderConfig::examples);
        register(EmbeddingConfig.TYPE, EmbeddingConfig::read, EmbeddingConfig::examples);
        register(PositionEmbeddingConfig.TYPE, PositionEmbeddingConfig::read, PositionEmbeddingConfig::examples);
        register(ClassTokenConfig.TYPE, ClassTokenConfig::read, ClassTokenConfig::examples);
        register(SequencePoolConfig.TYPE, SequencePoolConfig::read, SequencePoolConfig::examples);
        register(PatchesConfig.TYPE, PatchesConfig::read, PatchesConfig::examples);
        register(RecurrentConfig.TYPE, RecurrentConfig::read, RecurrentConfig::examples);
        register(ReshapeConfig.TYPE, ReshapeConfig::read, ReshapeConfig::examples);
    }

    private LayerFormats() {
    }

    /** Registers a layer type's reader, without examples; a type name can be registered once. */
    public static void register(String type, Function<LayerJson, LayerConfig> reader) {
        register(type, reader, List::of);
    }

    /**
     * Registers a layer type's reader and its examples (configurations and input shapes the
     * conformance suites test); a type name can be registered once.
     */
    public static synchronized void register(String type, Function<LayerJson, LayerConfig> reader,
                                             Supplier<List<LayerExample>> examples) {
        if (TYPES.putIfAbsent(type, new Registered(reader, examples)) != null) {
            throw new IllegalArgumentException("layer formats: type '" + type + "' is already registered");
        }
    }

    /** The registered type names, built-in types first, in registration order. */
    public static synchronized List<String> types() {
        return List.copyOf(TYPES.keySet());
    }

    /** The examples {@code type} registered (empty when it registered none). */
    public static synchronized List<LayerExample> examples(String type) {
        Registered r = TYPES.get(type);
        if (r == null) {
            throw new IllegalArgumentException("layer formats: unknown layer type '" + type + "'; known: " + TYPES.keySet());
        }
        return new ArrayList<>(r.examples().get());
    }

    /** The config written as {@code fields} (which include {@code type}); {@code where} names it in errors. */
    public static synchronized LayerConfig read(String where, Map<String, Object> fields) {
        LayerJson json = new LayerJson(where, fields);
        String type = json.string("type");
        Registered r = TYPES.get(type);
        if (r == null) {
            throw new IllegalArgumentException(where + ": unknown layer type '" + type + "'; known: " + TYPES.keySet());
        }
        return r.reader().apply(new LayerJson(where + " (" + type + ")", fields));
    }

    /** {@code config}'s JSON object: {@code type} first, then its hyper-parameters. */
    public static Map<String, Object> write(LayerConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", config.type());
        m.putAll(config.toJson());
        return m;
    }
}
