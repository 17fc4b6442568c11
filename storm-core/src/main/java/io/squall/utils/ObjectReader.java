package io.squall.utils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads config values of loose types, as Storm's {@code ObjectReader}: numbers, numeric strings, lists. */
public final class ObjectReader {
    private ObjectReader() {
    }

    /** An int from a number or numeric string; {@code dflt} if null. */
    public static Integer getInt(Object o, Integer dflt) {
        return Utils.getInt(o, dflt);
    }

    /** An int; throws naming the value if null or not a number. */
    public static Integer getInt(Object o) {
        return Utils.getInt(o);
    }

    /** A long from a number or numeric string; {@code dflt} if null. */
    public static Long getLong(Object o, Long dflt) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof String s) {
            return Long.parseLong(s.trim());
        }
        throw new IllegalArgumentException("Don't know how to convert " + o + " (" + o.getClass().getName() + ") to long");
    }

    /** A long; throws if null. */
    public static Long getLong(Object o) {
        Long l = getLong(o, null);
        if (l == null) {
            throw new IllegalArgumentException("Don't know how to convert null to long");
        }
        return l;
    }

    /** A double from a number or numeric string; {@code dflt} if null. */
    public static Double getDouble(Object o, Double dflt) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            return Double.parseDouble(s.trim());
        }
        throw new IllegalArgumentException("Don't know how to convert " + o + " (" + o.getClass().getName()
                + ") to double");
    }

    /** A double; throws if null. */
    public static Double getDouble(Object o) {
        Double d = getDouble(o, null);
        if (d == null) {
            throw new IllegalArgumentException("Don't know how to convert null to double");
        }
        return d;
    }

    /** A boolean from a Boolean or "true"/"false"; {@code dflt} if null. */
    public static boolean getBoolean(Object o, boolean dflt) {
        if (o instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        return Utils.getBoolean(o, dflt);
    }

    /** The value's string; {@code dflt} if null. */
    public static String getString(Object o, String dflt) {
        return o == null ? dflt : o.toString();
    }

    /** The value's string; throws if null. */
    public static String getString(Object o) {
        if (o == null) {
            throw new IllegalArgumentException("Don't know how to convert null to String");
        }
        return o.toString();
    }

    /** A list of strings from one string or a collection; empty if null. */
    public static List<String> getStrings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof Collection<?> c) {
            for (Object item : c) {
                out.add(String.valueOf(item));
            }
        } else if (o != null) {
            out.add(o.toString());
        }
        return out;
    }
}
