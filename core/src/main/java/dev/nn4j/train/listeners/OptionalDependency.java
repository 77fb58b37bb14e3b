package dev.nn4j.train.listeners;

/**
 * Checks that an optional library of nn4j-core is on the class path before a class that
 * needs it is touched, so a missing jar gives one clear message instead of a
 * {@link NoClassDefFoundError} in the middle of training.
 */
final class OptionalDependency {
    /** The Maven coordinates of the progress-bar library. */
    static final String PROGRESSBAR = "me.tongfei:progressbar:0.10.2";
    /** The Maven coordinates of the chart library. */
    static final String XCHART = "org.knowm.xchart:xchart:4.0.3";

    private OptionalDependency() {
    }

    /**
     * Throws {@link IllegalStateException} naming {@code user} and {@code coordinates} when
     * {@code className} cannot be loaded by this class's loader. Does not initialise the class.
     */
    static void require(String className, String user, String coordinates) {
        try {
            Class.forName(className, false, OptionalDependency.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            String[] gav = coordinates.split(":");
            throw new IllegalStateException(user + " needs the optional library " + coordinates + " (class "
                    + className + " not found); add it to the class path, e.g. with Maven <dependency><groupId>"
                    + gav[0] + "</groupId><artifactId>" + gav[1] + "</artifactId><version>" + gav[2]
                    + "</version></dependency>", e);
        }
    }
}
