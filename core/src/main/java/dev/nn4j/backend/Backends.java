package dev.nn4j.backend;

import dev.nn4j.tensor.Availability;
import dev.nn4j.tensor.Backend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds backends with {@link ServiceLoader} and chooses the default one.
 *
 * <p>The default, in this order: the backend set in code with {@link #setDefault(String)};
 * the system property {@value #PROPERTY}; the environment variable {@value #ENV}; otherwise
 * the available backend with the highest {@link Backend#priority()}. A name that is set but
 * unknown or unavailable is an error, never silently replaced by another backend.
 *
 * <p>Priorities follow measured speed, so that a user who names no backend gets the fastest
 * one for nn4j's workloads: on a CPU the plain backend (30) beats ND4J (15 on CPU) and EJML
 * (10) on the Toy facade, the Fashion-MNIST MLP and the 1024³ product, because ND4J pays
 * 15-90 µs per call; ND4J on a CUDA device (40) is preferred over all of them. Each backend
 * says why in {@link Backend#priorityReason()}, and {@link #reason()} and {@link #describe()}
 * repeat it.
 *
 * <p>Backends are loaded once per JVM, from the thread's context class loader and from the
 * class loader of core, and each is a singleton (tensors compare backends by identity).
 * This class is thread-safe.
 */
public final class Backends {
    /** System property naming the default backend, e.g. {@code -Dnn4j.backend=ejml}. */
    public static final String PROPERTY = "nn4j.backend";
    /** Environment variable naming the default backend, e.g. {@code NN4J_BACKEND=nd4j}. */
    public static final String ENV = "NN4J_BACKEND";

    private static volatile List<Backend> all;
    private static volatile String codeDefault;

    private Backends() {
    }

    /** Every backend found on the class path, available or not, highest priority first. */
    public static List<Backend> all() {
        List<Backend> list = all;
        if (list == null) {
            synchronized (Backends.class) {
                list = all;
                if (list == null) {
                    list = load();
                    all = list;
                }
            }
        }
        return list;
    }

    private static List<Backend> load() {
        Map<String, Backend> byName = new LinkedHashMap<>();
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(Backends.class.getClassLoader());
        for (ClassLoader loader : loaders) {
            ServiceLoader<Backend> sl = ServiceLoader.load(Backend.class, loader);
            for (var it = sl.iterator(); ; ) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    Backend b = it.next();
                    byName.putIfAbsent(b.name().toLowerCase(Locale.ROOT), b);
                } catch (ServiceConfigurationError e) {
                    // A provider that cannot even be instantiated is reported by describe(), not fatal.
                    BROKEN.add(e.getMessage());
                }
            }
        }
        List<Backend> list = new ArrayList<>(byName.values());
        list.sort(BY_PRIORITY);
        return Collections.unmodifiableList(list);
    }

    private static final List<String> BROKEN = Collections.synchronizedList(new ArrayList<>());
    private static final Comparator<Backend> BY_PRIORITY =
            Comparator.comparingInt(Backend::priority).reversed().thenComparing(Backend::name);

    /** The available backends, highest priority first. */
    public static List<Backend> available() {
        List<Backend> out = new ArrayList<>();
        for (Backend b : all()) {
            if (b.isAvailable()) {
                out.add(b);
            }
        }
        return out;
    }

    /** The default backend (see the class description for how it is chosen). */
    public static Backend get() {
        return choose(all(), codeDefault, System.getProperty(PROPERTY), System.getenv(ENV)).backend();
    }

    /**
     * Why {@link #get()} returns the backend it returns, e.g. {@code "system property
     * nn4j.backend=ejml"} or {@code "highest priority (30) among available backends: ..."};
     * throws as {@link #get()} does when no backend can be chosen.
     */
    public static String reason() {
        return choose(all(), codeDefault, System.getProperty(PROPERTY), System.getenv(ENV)).why();
    }

    /** The backend called {@code name} (case-insensitive); throws if it is unknown or unavailable. */
    public static Backend get(String name) {
        return byName(all(), name, "requested by name");
    }

    /**
     * Makes {@code name} the default for this JVM, overriding the property and the
     * environment; {@code null} clears it. Throws at once if the backend is unknown or unavailable.
     */
    public static void setDefault(String name) {
        if (name != null) {
            get(name);
        }
        codeDefault = name;
    }

    /** The outcome of choosing a default: the backend and a sentence saying why. */
    record Selection(Backend backend, String why) {
    }

    /** The selection rule, separated from the JVM state so that it can be tested. */
    static Selection choose(List<Backend> candidates, String fromCode, String property, String env) {
        if (notBlank(fromCode)) {
            return new Selection(byName(candidates, fromCode, "set in code with Backends.setDefault"),
                    "set in code with Backends.setDefault(\"" + fromCode.trim() + "\")");
        }
        if (notBlank(property)) {
            return new Selection(byName(candidates, property, "system property " + PROPERTY),
                    "system property " + PROPERTY + "=" + property.trim());
        }
        if (notBlank(env)) {
            return new Selection(byName(candidates, env, "environment variable " + ENV),
                    "environment variable " + ENV + "=" + env.trim());
        }
        Backend best = null;
        for (Backend b : candidates) {
            if (b.isAvailable() && (best == null || b.priority() > best.priority())) {
                best = b;
            }
        }
        if (best == null) {
            throw new BackendNotFoundException("no nn4j backend is available. " + inventory(candidates)
                    + " Add a backend module (e.g. dev.nn4j:nn4j-backend-plain) to the class path.");
        }
        String because = best.priorityReason();
        return new Selection(best, "highest priority (" + best.priority() + ") among available backends"
                + (because == null || because.isBlank() ? "" : ": " + because));
    }

    private static Backend byName(List<Backend> candidates, String name, String source) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Backend b : candidates) {
            if (b.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                Availability a = b.availability();
                if (!a.available()) {
                    throw new BackendNotFoundException("backend '" + name.trim() + "' (" + source
                            + ") is not available: " + a.reason() + ". " + inventory(candidates));
                }
                return b;
            }
        }
        throw new BackendNotFoundException("unknown backend '" + name.trim() + "' (" + source + ")."
                + BackendArtifacts.hint(name) + " " + inventory(candidates));
    }

    private static String inventory(List<Backend> candidates) {
        if (candidates.isEmpty()) {
            return "No backend was found on the class path (nothing registered in META-INF/services/"
                    + Backend.class.getName() + ").";
        }
        List<String> ok = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Backend b : candidates) {
            Availability a = b.availability();
            if (a.available()) {
                ok.add(b.name());
            } else {
                skipped.add(b.name() + " (" + a.reason() + ")");
            }
        }
        return "Available: " + (ok.isEmpty() ? "none" : String.join(", ", ok)) + "."
                + (skipped.isEmpty() ? "" : " Skipped: " + String.join("; ", skipped) + ".");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * A printable report: every backend found with its priority, availability or the reason it
     * is unavailable, its device, which backend is the default and why, and JVM/CPU facts.
     */
    public static String describe() {
        StringBuilder sb = new StringBuilder("nn4j backends\n");
        List<Backend> list = all();
        for (Backend b : list) {
            Availability a = b.availability();
            sb.append(String.format(Locale.ROOT, "  %-8s priority %3d  %s%n", b.name(), b.priority(),
                    a.available() ? "available" : "UNAVAILABLE: " + a.reason()));
            if (a.available()) {
                sb.append("           device: ").append(b.device().replace("\n", "\n                   ")).append('\n');
            }
            String because = b.priorityReason();
            if (because != null && !because.isBlank()) {
                sb.append("           priority because: ").append(because).append('\n');
            }
        }
        if (list.isEmpty()) {
            sb.append("  (none found on the class path)\n");
        }
        for (String broken : BROKEN) {
            sb.append("  failed to load a provider: ").append(broken).append('\n');
        }
        try {
            Selection s = choose(list, codeDefault, System.getProperty(PROPERTY), System.getenv(ENV));
            sb.append("default: ").append(s.backend().name()).append(" (").append(s.why()).append(")\n");
        } catch (BackendNotFoundException e) {
            sb.append("default: none: ").append(e.getMessage()).append('\n');
        }
        Runtime rt = Runtime.getRuntime();
        sb.append(String.format(Locale.ROOT, "jvm: %s %s (%s), max heap %d MiB%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vendor"), rt.maxMemory() >> 20));
        sb.append(String.format(Locale.ROOT, "cpu: %d processors, %s %s%n", rt.availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("os.name")));
        return sb.toString();
    }
}
