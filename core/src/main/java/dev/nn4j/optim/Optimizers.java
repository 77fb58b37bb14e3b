package dev.nn4j.optim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Rebuilds an optimizer from the {@link Optimizer#id()} and {@link Optimizer#config()} a model file stored. */
public final class Optimizers {
    private Optimizers() {
    }

    /** Every built-in id. */
    public static List<String> ids() {
        return List.of("sgd", "adam", "adamw", "rmsprop", "adagrad");
    }

    /**
     * A new optimizer of type {@code id} with the hyper-parameters in {@code config}; a missing
     * key takes its default, {@code learning_rate} is required, an unknown key is an error.
     */
    public static Optimizer create(String id, Map<String, Double> config) {
        Objects.requireNonNull(id, "id");
        String kind = id.trim().toLowerCase(Locale.ROOT);
        double lr = required(kind, config, "learning_rate");
        switch (kind) {
            case "sgd":
                allow(kind, config, Set.of("learning_rate", "momentum", "nesterov"));
                return new Sgd(lr, config.getOrDefault("momentum", 0.0), config.getOrDefault("nesterov", 0.0) != 0);
            case "adam":
                allow(kind, config, Set.of("learning_rate", "beta1", "beta2", "epsilon"));
                return new Adam(lr, config.getOrDefault("beta1", Adam.BETA1), config.getOrDefault("beta2", Adam.BETA2),
                        config.getOrDefault("epsilon", Adam.EPSILON));
            case "adamw":
                allow(kind, config, Set.of("learning_rate", "beta1", "beta2", "epsilon", "weight_decay"));
                return new AdamW(lr, config.getOrDefault("beta1", Adam.BETA1), config.getOrDefault("beta2", Adam.BETA2),
                        config.getOrDefault("epsilon", Adam.EPSILON),
                        config.getOrDefault("weight_decay", AdamW.WEIGHT_DECAY));
            case "rmsprop":
                allow(kind, config, Set.of("learning_rate", "rho", "epsilon"));
                return new RmsProp(lr, config.getOrDefault("rho", 0.9), config.getOrDefault("epsilon", 1e-8));
            case "adagrad":
                allow(kind, config, Set.of("learning_rate", "epsilon"));
                return new AdaGrad(lr, config.getOrDefault("epsilon", 1e-10));
            default:
                throw new IllegalArgumentException("optimizer: unknown '" + id + "'; known: " + String.join(", ", ids()));
        }
    }

    private static double required(String id, Map<String, Double> config, String key) {
        Double v = config.get(key);
        if (v == null) {
            throw new IllegalArgumentException("optimizer " + id + ": '" + key + "' is required, got " + config.keySet());
        }
        return v;
    }

    private static void allow(String id, Map<String, Double> config, Set<String> known) {
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("optimizer " + id + ": unknown setting '" + key + "'; known: "
                        + known);
            }
        }
    }
}
