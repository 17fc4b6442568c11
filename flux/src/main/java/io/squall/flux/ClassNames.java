package io.squall.flux;

import io.squall.flux.api.FluxException;

/**
 * Loads the classes a Flux file names, from the topology JAR's class loader (the thread's context loader, which
 * {@code bin/squall jar} and {@code local} set) and then Flux's own. A Storm class name that is not found is tried
 * under its Squall name, with the rewrite that ports Storm's Java sources: {@code org.apache.storm.generated.X}
 * becomes {@code io.squall.topology.X}, any other {@code org.apache.storm.X} becomes {@code io.squall.X}. So a
 * Storm user's YAML ({@code org.apache.storm.testing.TestWordSpout}) runs unchanged. Stateless.
 */
final class ClassNames {
    private static final String STORM = "org.apache.storm.";
    private static final String STORM_GENERATED = "org.apache.storm.generated.";

    private ClassNames() {
    }

    /** The Squall name of a Storm class name, or {@code name} itself when it is not one of Storm's. */
    static String squallName(String name) {
        if (name.startsWith(STORM_GENERATED)) {
            return "io.squall.topology." + name.substring(STORM_GENERATED.length());
        }
        if (name.startsWith(STORM)) {
            return "io.squall." + name.substring(STORM.length());
        }
        return name;
    }

    /** The class {@code name} (or its Squall name); {@code where} says which definition names it, for errors. */
    static Class<?> load(String name, String where) {
        Class<?> found = tryLoad(name);
        if (found == null && !squallName(name).equals(name)) {
            found = tryLoad(squallName(name));
        }
        if (found == null) {
            String also = squallName(name).equals(name) ? "" : " (nor its Squall name '" + squallName(name) + "')";
            throw new FluxException(where + ": class '" + name + "' not found" + also + "; check the className "
                    + "(a nested class is written Outer$Inner) and that the topology JAR holds the class");
        }
        return found;
    }

    private static Class<?> tryLoad(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, ClassNames.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                // try the next loader
            }
        }
        return null;
    }
}
