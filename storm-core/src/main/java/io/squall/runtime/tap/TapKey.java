package io.squall.runtime.tap;

/** A tapped stream: a component and one of its output streams. */
public record TapKey(String component, String stream) {
    @Override
    public String toString() {
        return component + "/" + stream;
    }
}
