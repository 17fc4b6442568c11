package io.squall.flux;

import java.lang.reflect.Array;
import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Matches YAML values to a constructor's or method's parameters the way Storm's Flux does, and converts them:
 * YAML numbers to any numeric type (int, long, double, float, short, byte and their boxes; a fraction or a value
 * out of range does not match), strings to enum constants by name, lists to arrays (element by element, also for
 * varargs), plus single arguments spread over a varargs parameter. Among the executables that match, the one that
 * needs the fewest conversions wins. Stateless.
 */
final class Arguments {
    /** Not convertible. */
    static final int NO = -1;

    private Arguments() {
    }

    /** The cost of calling {@code e} with {@code args}, or {@link #NO}. */
    static int cost(Executable e, List<Object> args) {
        Class<?>[] params = e.getParameterTypes();
        int direct = params.length == args.size() ? cost(params, args) : NO;
        if (direct != NO || !e.isVarArgs()) {
            return direct;
        }
        int packed = cost(params, packVarArgs(params.length, args));
        return packed == NO ? NO : packed + 1;
    }

    /** {@code args} converted for {@code e}, for which {@link #cost} is not {@link #NO}. */
    static Object[] convert(Executable e, List<Object> args) {
        Class<?>[] params = e.getParameterTypes();
        List<Object> actual = params.length == args.size() && cost(params, args) != NO
                ? args : packVarArgs(params.length, args);
        Object[] out = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            out[i] = convert(params[i], actual.get(i));
        }
        return out;
    }

    /** How {@code value} reads in a message: its value and YAML type. */
    static String describe(List<Object> args) {
        return "(" + args.stream().map(a -> a == null ? "null" : a instanceof String s ? "\"" + s + "\" String"
                : a + " " + a.getClass().getSimpleName()).collect(Collectors.joining(", ")) + ")";
    }

    private static List<Object> packVarArgs(int paramCount, List<Object> args) {
        if (args.size() < paramCount - 1) {
            return args;
        }
        List<Object> packed = new ArrayList<>(args.subList(0, paramCount - 1));
        packed.add(new ArrayList<>(args.subList(paramCount - 1, args.size())));
        return packed;
    }

    private static int cost(Class<?>[] params, List<Object> args) {
        if (params.length != args.size()) {
            return NO;
        }
        int total = 0;
        for (int i = 0; i < params.length; i++) {
            int c = cost(params[i], args.get(i));
            if (c == NO) {
                return NO;
            }
            total += c;
        }
        return total;
    }

    /** The cost of passing {@code value} as a {@code type}: 0 for its own class, more for each conversion. */
    static int cost(Class<?> type, Object value) {
        if (value == null) {
            return type.isPrimitive() ? NO : 1;
        }
        if (type == value.getClass()) {
            return 0;
        }
        if (type.isInstance(value)) {
            return 1;
        }
        Class<?> boxed = box(type);
        if (boxed == value.getClass()) {
            return 1;
        }
        if (value instanceof Number n && Number.class.isAssignableFrom(boxed)) {
            return toNumber(boxed, n) == null ? NO : 2;
        }
        if (type.isEnum() && value instanceof String s) {
            return enumConstant(type, s) == null ? NO : 2;
        }
        if (boxed == Character.class && value instanceof String s && s.length() == 1) {
            return 2;
        }
        if (type.isArray() && value instanceof List<?> list) {
            int total = 2;
            for (Object item : list) {
                int c = cost(type.getComponentType(), item);
                if (c == NO) {
                    return NO;
                }
                total += c;
            }
            return total;
        }
        return NO;
    }

    /** {@code value} as a {@code type}, for which {@link #cost(Class, Object)} is not {@link #NO}. */
    static Object convert(Class<?> type, Object value) {
        if (value == null || type.isInstance(value) || box(type) == value.getClass()) {
            return value;
        }
        Class<?> boxed = box(type);
        if (value instanceof Number n && Number.class.isAssignableFrom(boxed)) {
            return toNumber(boxed, n);
        }
        if (type.isEnum() && value instanceof String s) {
            return enumConstant(type, s);
        }
        if (boxed == Character.class && value instanceof String s) {
            return s.charAt(0);
        }
        if (type.isArray() && value instanceof List<?> list) {
            Object array = Array.newInstance(type.getComponentType(), list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(array, i, convert(type.getComponentType(), list.get(i)));
            }
            return array;
        }
        throw new IllegalArgumentException("Cannot pass " + value + " as a " + type.getName());
    }

    private static Object enumConstant(Class<?> type, String name) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    /** {@code n} as a {@code boxed} number, or null when it does not fit (a fraction, or out of range). */
    private static Number toNumber(Class<?> boxed, Number n) {
        if (boxed == Double.class) {
            return n.doubleValue();
        }
        if (boxed == Float.class) {
            return n.floatValue();
        }
        if (boxed == Number.class) {
            return n;
        }
        double d = n.doubleValue();
        boolean integral = !(n instanceof Double || n instanceof Float) || d == Math.rint(d) && !Double.isInfinite(d);
        if (!integral) {
            return null;
        }
        long v = n.longValue();
        if (boxed == Long.class) {
            return v;
        }
        if (boxed == Integer.class) {
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Number) (int) v : null;
        }
        if (boxed == Short.class) {
            return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? (Number) (short) v : null;
        }
        if (boxed == Byte.class) {
            return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE ? (Number) (byte) v : null;
        }
        return null;
    }

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, float.class, Float.class, short.class, Short.class, byte.class, Byte.class,
            boolean.class, Boolean.class, char.class, Character.class);

    private static Class<?> box(Class<?> type) {
        return type.isPrimitive() ? BOXES.get(type) : type;
    }
}
