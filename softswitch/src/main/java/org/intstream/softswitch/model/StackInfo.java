package org.intstream.softswitch.model;

import java.util.List;

/**
 * A header stack: its elements are ordinary header instances ({@code vlans[0]}, {@code vlans[1]} …); the
 * packet state keeps how many have been filled (the {@code next} index) per stack.
 *
 * @param index position in {@link Layout#stacks()}, also the index of its next counter
 */
public record StackInfo(int index, String name, List<HeaderInfo> elements) {

    public int size() {
        return elements.size();
    }
}
