package io.squall.config;

import java.util.List;
import java.util.Map;

/**
 * One configuration key: its name, type, default and documentation. The catalog of keys is
 * {@link ConfigKeys}; {@code conf/squall.yaml} documents each one.
 *
 * @param name         the key as written in YAML and in {@code Config}
 * @param type         the type a value must have
 * @param defaultValue the value when the key is absent; null means "not set"
 * @param min          for numbers, the smallest value allowed
 * @param doc          one line saying what it does
 */
public record ConfigKey(String name, Type type, Object defaultValue, double min, String doc) {

    /** The types a configuration value can have. */
    public enum Type {
        INT, LONG, DOUBLE, BOOLEAN, STRING, LIST, MAP,
        /** A string or a list of strings, as Storm's option lists (childopts). */
        STRING_OR_LIST,
        /** A list or a map, as Storm's {@code topology.kryo.register}. */
        LIST_OR_MAP;

        /** Whether {@code value} is of this type (integers are accepted for doubles and longs). */
        boolean accepts(Object value) {
            return switch (this) {
                case INT -> isIntegral(value) && ((Number) value).longValue() == ((Number) value).intValue();
                case LONG -> isIntegral(value);
                case DOUBLE -> value instanceof Number;
                case BOOLEAN -> value instanceof Boolean;
                case STRING -> value instanceof String;
                case LIST -> value instanceof List<?>;
                case MAP -> value instanceof Map<?, ?>;
                case STRING_OR_LIST -> value instanceof String || value instanceof List<?>;
                case LIST_OR_MAP -> value instanceof List<?> || value instanceof Map<?, ?>;
            };
        }

        private static boolean isIntegral(Object v) {
            return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
        }
    }

    /**
     * Checks a value against this key.
     *
     * @return null if the value is acceptable, else a message naming the key and what is wrong
     */
    public String check(Object value) {
        if (value == null) {
            return null;
        }
        if (!type.accepts(value)) {
            return "Config key '" + name + "' must be " + article(type) + ", but got "
                    + value.getClass().getSimpleName() + " " + quote(value) + " (" + doc + ")";
        }
        if (value instanceof Number n && n.doubleValue() < min) {
            return "Config key '" + name + "' must be at least " + format(min) + ", but got " + value + " (" + doc + ")";
        }
        return null;
    }

    private static String article(Type t) {
        return switch (t) {
            case INT -> "an integer";
            case LONG -> "a long integer";
            case DOUBLE -> "a number";
            case BOOLEAN -> "a boolean (true or false)";
            case STRING -> "a string";
            case LIST -> "a list";
            case MAP -> "a map";
            case STRING_OR_LIST -> "a string or a list of strings";
            case LIST_OR_MAP -> "a list or a map";
        };
    }

    private static String quote(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
