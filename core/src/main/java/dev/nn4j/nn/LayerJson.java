package dev.nn4j.nn;

import dev.nn4j.tensor.Activation;
import java.util.Map;

/**
 * Typed reads of one layer's JSON object from a model file: each getter names the field and
 * the layer when a value is missing or of the wrong kind, so a damaged file gets a precise
 * {@link IllegalArgumentException} (model loading wraps it in a format error).
 */
public final class LayerJson {
    private final String where;
    private final Map<String, Object> fields;

    /** Reads {@code fields}; {@code where} names the layer in errors, e.g. {@code layers[2] (conv2d)}. */
    public LayerJson(String where, Map<String, Object> fields) {
        this.where = where;
        this.fields = fields;
    }

    /** The raw value of {@code key}, or throws when missing. */
    public Object value(String key) {
        Object v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + ": missing field '" + key + "'");
        }
        return v;
    }

    /** An integer field. */
    public int integer(String key) {
        Object v = value(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": field '" + key + "' should be an integer, got " + v);
        }
        return n.intValue();
    }

    /** A number field. */
    public double number(String key) {
        Object v = value(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(where + ": field '" + key + "' should be a number, got " + v);
        }
        return n.doubleValue();
    }

    /** A boolean field. */
    public boolean bool(String key) {
        Object v = value(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(where + ": field '" + key + "' should be true or false, got " + v);
        }
        return b;
    }

    /** A boolean field, or {@code fallback} when the field is absent (a field added after files were written). */
    public boolean bool(String key, boolean fallback) {
        return fields.get(key) == null ? fallback : bool(key);
    }

    /** A string field. */
    public String string(String key) {
        Object v = value(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(where + ": field '" + key + "' should be a string, got " + v);
        }
        return s;
    }

    /** An activation field (its id). */
    public Activation activation(String key) {
        return Activation.parse(string(key));
    }

    /** A padding field: {@code valid}, {@code same} or {@code [top,left,bottom,right]}. */
    public Padding padding(String key) {
        return Padding.parse(value(key));
    }
}
