package io.squall.flux;

import io.squall.flux.api.FluxException;
import io.squall.flux.model.BeanListReference;
import io.squall.flux.model.BeanReference;
import io.squall.flux.model.ConfigMethodDef;
import io.squall.flux.model.ExecutionContext;
import io.squall.flux.model.ObjectDef;
import io.squall.flux.model.PropertyDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Makes the object an {@link ObjectDef} describes: loads its class ({@link ClassNames}), calls the public
 * constructor or static factory that best matches the arguments ({@link Arguments}), sets its properties (setter,
 * else public field) and calls its configuration methods. References resolve to the components built so far.
 * Every failure is a {@link FluxException} that names the definition ({@code where}) and lists the candidates.
 */
final class ObjectBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectBuilder.class);

    private ObjectBuilder() {
    }

    /** The object {@code def} describes; {@code where} names it in errors ({@code bolts 'count'}). */
    static Object build(ObjectDef def, String where, ExecutionContext context) {
        Class<?> type = ClassNames.load(def.getClassName(), where);
        Object obj;
        if (def.hasFactory()) {
            List<Object> args = resolve(def.getFactoryArgs(), where, context);
            List<Method> candidates = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(def.getFactory()) && Modifier.isStatic(m.getModifiers()))
                    .collect(Collectors.toList());
            Method factory = best(candidates, args, where, () -> "no public static method '" + def.getFactory()
                    + "' of " + type.getName() + " takes " + Arguments.describe(args), "factoryArgs");
            obj = invoke(() -> factory.invoke(null, Arguments.convert(factory, args)), where,
                    type.getName() + "." + def.getFactory());
        } else {
            List<Object> args = resolve(def.getConstructorArgs(), where, context);
            if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
                throw new FluxException(where + ": " + type.getName() + " is abstract or an interface; name a "
                        + "concrete class, or make it with a factory method");
            }
            List<Constructor<?>> candidates = List.of(type.getConstructors());
            Constructor<?> constructor = best(candidates, args, where, () -> args.isEmpty()
                    ? type.getName() + " has no public constructor without arguments; add constructorArgs"
                    : "no public constructor of " + type.getName() + " takes " + Arguments.describe(args),
                    "constructorArgs");
            obj = invoke(() -> constructor.newInstance(Arguments.convert(constructor, args)), where,
                    "the constructor of " + type.getName());
        }
        applyProperties(def, obj, where, context);
        invokeConfigMethods(def, obj, where, context);
        return obj;
    }

    /** Calls {@code def}'s configuration methods on {@code instance}. */
    static void invokeConfigMethods(ObjectDef def, Object instance, String where, ExecutionContext context) {
        Class<?> type = instance.getClass();
        for (ConfigMethodDef cm : def.getConfigMethods()) {
            List<Object> args = resolve(cm.getArgs(), where, context);
            List<Method> candidates = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(cm.getName()) && !Modifier.isStatic(m.getModifiers()))
                    .collect(Collectors.toList());
            Method method = best(candidates, args, where + " configMethods '" + cm.getName() + "'",
                    () -> candidates.isEmpty()
                            ? type.getName() + " has no public method '" + cm.getName() + "'"
                            : "no public method '" + cm.getName() + "' of " + type.getName() + " takes "
                            + Arguments.describe(args), "args");
            invoke(() -> method.invoke(instance, Arguments.convert(method, args)), where,
                    type.getName() + "." + cm.getName());
        }
    }

    private static void applyProperties(ObjectDef def, Object instance, String where, ExecutionContext context) {
        Class<?> type = instance.getClass();
        for (PropertyDef p : def.getProperties()) {
            Object value = p.isReference() ? component(p.getRef(), where, context) : p.getValue();
            String setterName = "set" + Character.toUpperCase(p.getName().charAt(0)) + p.getName().substring(1);
            List<Object> args = new ArrayList<>();
            args.add(value);
            List<Method> setters = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(setterName) && m.getParameterCount() == 1
                            && !Modifier.isStatic(m.getModifiers()))
                    .collect(Collectors.toList());
            if (!setters.isEmpty()) {
                Method setter = best(setters, args, where + " property '" + p.getName() + "'",
                        () -> "no setter " + setterName + " of " + type.getName() + " takes "
                                + Arguments.describe(args), "value");
                invoke(() -> setter.invoke(instance, Arguments.convert(setter, args)), where,
                        type.getName() + "." + setterName);
                continue;
            }
            Field field;
            try {
                field = type.getField(p.getName());
            } catch (NoSuchFieldException e) {
                throw new FluxException(where + ": property '" + p.getName() + "': " + type.getName() + " has no "
                        + "public setter " + setterName + "(...) and no public field '" + p.getName() + "'");
            }
            if (Arguments.cost(field.getType(), value) == Arguments.NO || Modifier.isFinal(field.getModifiers())) {
                throw new FluxException(where + ": property '" + p.getName() + "': cannot set the public field "
                        + field + " to " + Arguments.describe(args));
            }
            invoke(() -> {
                field.set(instance, Arguments.convert(field.getType(), value));
                return null;
            }, where, "field " + field.getName());
        }
    }

    /** The arguments with references replaced by the components they name. */
    static List<Object> resolve(List<Object> args, String where, ExecutionContext context) {
        List<Object> out = new ArrayList<>(args.size());
        for (Object arg : args) {
            if (arg instanceof BeanReference ref) {
                out.add(component(ref.getId(), where, context));
            } else if (arg instanceof BeanListReference refs) {
                List<Object> components = new ArrayList<>();
                for (String id : refs.getIds()) {
                    components.add(component(id, where, context));
                }
                out.add(components);
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    private static Object component(String id, String where, ExecutionContext context) {
        if (!context.hasComponent(id)) {
            List<String> defined = context.getTopologyDef().getComponents().stream()
                    .map(b -> b.getId()).filter(context::hasComponent).collect(Collectors.toList());
            boolean later = context.getTopologyDef().getComponent(id) != null;
            throw new FluxException(where + ": ref '" + id + "' "
                    + (later ? "names a component defined below the one that uses it; move it above (a ref can "
                    + "only name a component defined before)" : "names no component; define it under "
                    + "'components'") + "; components built so far: " + defined);
        }
        return context.getComponent(id);
    }

    private interface Call {
        Object call() throws ReflectiveOperationException;
    }

    private static Object invoke(Call call, String where, String what) {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new FluxException(where + ": " + what + " threw " + cause.getClass().getName() + ": "
                    + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new FluxException(where + ": cannot call " + what + ": " + e, e);
        }
    }

    /** The candidate that takes {@code args} with the fewest conversions, or an error listing the candidates. */
    private static <T extends Executable> T best(List<T> candidates, List<Object> args, String where,
                                                 java.util.function.Supplier<String> none, String argsKey) {
        Predicate<T> fits = e -> Arguments.cost(e, args) != Arguments.NO;
        List<T> fitting = candidates.stream().filter(fits)
                .sorted(Comparator.<T>comparingInt(e -> Arguments.cost(e, args)).thenComparing(Executable::toString))
                .collect(Collectors.toList());
        if (fitting.isEmpty()) {
            String listed = candidates.isEmpty() ? "" : "; the candidates are:\n  " + candidates.stream()
                    .map(ObjectBuilder::signature).sorted().collect(Collectors.joining("\n  "))
                    + "\nchange '" + argsKey + "' to match one of them";
            throw new FluxException(where + ": " + none.get() + listed);
        }
        if (fitting.size() > 1 && Arguments.cost(fitting.get(0), args) == Arguments.cost(fitting.get(1), args)) {
            LOG.warn("{}: {} and {} both fit {}; using the first", where, signature(fitting.get(0)),
                    signature(fitting.get(1)), Arguments.describe(args));
        }
        return fitting.get(0);
    }

    private static String signature(Executable e) {
        String name = e instanceof Constructor<?> ? e.getDeclaringClass().getSimpleName() : e.getName();
        return name + Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
