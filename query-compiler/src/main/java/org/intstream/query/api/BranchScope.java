package org.intstream.query.api;

/**
 * Marks the stages built inside one split branch, so that a branch's function must return the pipeline it
 * built from the input it was given, and no such pipeline is mistaken for a whole query.
 */
final class BranchScope {
    private final String name;

    BranchScope(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }
}
