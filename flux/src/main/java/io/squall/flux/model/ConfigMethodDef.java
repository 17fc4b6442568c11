package io.squall.flux.model;

import java.util.ArrayList;
import java.util.List;

/** One of a component's {@code configMethods}: a public method called with {@code args} after construction. */
public class ConfigMethodDef {
    private String name;
    private List<Object> args = new ArrayList<>();

    /** The method's name. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The arguments; {@link BeanReference} and {@link BeanListReference} stand for components. */
    public List<Object> getArgs() {
        return args;
    }

    public void setArgs(List<Object> args) {
        this.args = args == null ? new ArrayList<>() : new ArrayList<>(args);
    }

    /** Whether an argument refers to a component. */
    public boolean hasReferences() {
        return ObjectDef.anyReference(args);
    }
}
