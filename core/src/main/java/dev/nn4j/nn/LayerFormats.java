package dev.nn4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The layer types a model file can hold: type name to the reader of that type's JSON
 * (each config record writes itself with {@link LayerConfig#toJson()} and reads itself with a
 * static {@code read(LayerJson)}). Built-in types are listed here; an application adds its own
 * with {@link #register}. Thread-safe.
 */
public final class LayerFormats {
    private static final Map<String, Function<LayerJson, LayerConfig>> READERS = new LinkedHashMap<>();

    static {
        register(DenseConfig.TYPE, DenseConfig::read);
        register(Conv2DConfig.TYPE, Conv2DConfig::read);
        register(MaxPool2DConfig.TYPE, MaxPool2DConfig::read);
        register(AvgPool2DConfig.TYPE, AvgPool2DConfig::read);
        register(GlobalAvgPool2DConfig.TYPE, GlobalAvgPool2DConfig::read);
        register(FlattenConfig.TYPE, FlattenConfig::read);
        register(DropoutConfig.TYPE, DropoutConfig::read);
        register(BatchNormConfig.TYPE, BatchNormConfig::read);
        register(ActivationConfig.TYPE, ActivationConfig::read);
        register(AddConfig.TYPE, AddConfig::read);
        register(MultiplyConfig.TYPE, MultiplyConfig::read);
        register(ConcatConfig.TYPE, ConcatConfig::read);
    }

    private LayerFormats() {
    }

    /** Registers a layer type's reader; a type name can be registered once. */
    public static synchronized void register(String type, Function<LayerJson, LayerConfig> reader) {
        if (READERS.putIfAbsent(type, reader) != null) {
            throw new IllegalArgumentException("layer formats: type '" + type + "' is already registered");
        }
    }

    /** The config written as {@code fields} (which include {@code type}); {@code where} names it in errors. */
    public static synchronized LayerConfig read(String where, Map<String, Object> fields) {
        LayerJson json = new LayerJson(where, fields);
        String type = json.string("type");
        Function<LayerJson, LayerConfig> reader = READERS.get(type);
        if (reader == null) {
            throw new IllegalArgumentException(where + ": unknown layer type '" + type + "'; known: " + READERS.keySet());
        }
        return reader.apply(new LayerJson(where + " (" + type + ")", fields));
    }

    /** {@code config}'s JSON object: {@code type} first, then its hyper-parameters. */
    public static Map<String, Object> write(LayerConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", config.type());
        m.putAll(config.toJson());
        return m;
    }
}
