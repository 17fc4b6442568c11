package io.squall.state;

/**
 * A value (or key) a state cannot serialize: thrown by a state's {@code put}, or by a checkpoint's prepare for a
 * value whose class serialized before. Its message names the class and what to do; the runtime adds the component
 * and task that put it.
 */
public class UnserializableStateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String valueClass;

    /**
     * @param valueClass the name of the class that could not be serialized
     */
    public UnserializableStateException(String message, String valueClass, Throwable cause) {
        super(message, cause);
        this.valueClass = valueClass;
    }

    /** The name of the class that could not be serialized. */
    public String valueClass() {
        return valueClass;
    }

    /**
     * What to do about a value of class {@code className} that the state's Kryo cannot write: the end of every such
     * message.
     */
    public static String howToFix(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        return "register a Kryo serializer for it in topology.kryo.register (Config.registerSerialization(conf, "
                + simple + ".class, YourSerializer.class)), or put values Kryo can write (no threads, streams, "
                + "sockets or other JVM resources in their fields)";
    }

    /**
     * The failure to serialize {@code value} (or {@code key}, when {@code what} says so) under {@code key} in the
     * state {@code namespace}, from the serializer's exception.
     */
    public static UnserializableStateException of(String namespace, String what, Object key, Object value,
                                                  Throwable cause) {
        String type = value.getClass().getName();
        String where = "state " + namespace + ", key " + shortly(key) + ": ";
        if (cause instanceof UnserializableStateException u) {
            return new UnserializableStateException(where + u.getMessage(), u.valueClass(), u);
        }
        return new UnserializableStateException(where + "cannot serialize a " + what + " of class " + type + " ("
                + cause + "): " + howToFix(type), type, cause);
    }

    private static String shortly(Object key) {
        String s = String.valueOf(key);
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** This exception with {@code who} (the component and task that put the value) before its message. */
    public UnserializableStateException in(String who) {
        UnserializableStateException e = new UnserializableStateException(who + ": " + getMessage(), valueClass,
                getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
