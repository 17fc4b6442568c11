package io.squall.flux.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How to make one object: its class, then either constructor arguments or a static factory method and its
 * arguments (or the no-argument constructor), then its properties and configuration methods, in that order.
 */
public class ObjectDef {
    private String className;
    private List<Object> constructorArgs = new ArrayList<>();
    private List<PropertyDef> properties = new ArrayList<>();
    private List<ConfigMethodDef> configMethods = new ArrayList<>();
    private String factory;
    private List<Object> factoryArgs = new ArrayList<>();

    /** The class, as written in the YAML (Storm's {@code org.apache.storm} names are resolved when building). */
    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    /** The constructor's arguments; {@link BeanReference}s and {@link BeanListReference}s stand for components. */
    public List<Object> getConstructorArgs() {
        return constructorArgs;
    }

    public void setConstructorArgs(List<Object> constructorArgs) {
        this.constructorArgs = constructorArgs == null ? new ArrayList<>() : new ArrayList<>(constructorArgs);
    }

    /** Whether constructor arguments are given. */
    public boolean hasConstructorArgs() {
        return !constructorArgs.isEmpty();
    }

    /** Whether a constructor or factory argument refers to a component. */
    public boolean hasReferences() {
        return anyReference(constructorArgs) || anyReference(factoryArgs);
    }

    /** The properties to set after construction. */
    public List<PropertyDef> getProperties() {
        return properties;
    }

    public void setProperties(List<PropertyDef> properties) {
        this.properties = properties == null ? new ArrayList<>() : new ArrayList<>(properties);
    }

    /** The methods to call after the properties are set. */
    public List<ConfigMethodDef> getConfigMethods() {
        return configMethods;
    }

    public void setConfigMethods(List<ConfigMethodDef> configMethods) {
        this.configMethods = configMethods == null ? new ArrayList<>() : new ArrayList<>(configMethods);
    }

    /** The name of a public static method of the class that makes the object, or null. */
    public String getFactory() {
        return factory;
    }

    public void setFactory(String factory) {
        this.factory = factory;
    }

    /** Whether a factory method makes the object. */
    public boolean hasFactory() {
        return factory != null;
    }

    /** The factory method's arguments. */
    public List<Object> getFactoryArgs() {
        return factoryArgs;
    }

    public void setFactoryArgs(List<Object> factoryArgs) {
        this.factoryArgs = factoryArgs == null ? new ArrayList<>() : new ArrayList<>(factoryArgs);
    }

    /** Whether factory arguments are given. */
    public boolean hasFactoryArgs() {
        return !factoryArgs.isEmpty();
    }

    static boolean anyReference(List<Object> args) {
        return args.stream().anyMatch(a -> a instanceof BeanReference || a instanceof BeanListReference);
    }
}
