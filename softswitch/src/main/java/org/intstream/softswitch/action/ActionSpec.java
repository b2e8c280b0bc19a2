package org.intstream.softswitch.action;

import java.util.List;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * A compiled action: its BMv2 id and name, parameter names and widths, and its primitive calls.
 */
public final class ActionSpec {
    private final int id;
    private final String name;
    private final List<String> paramNames;
    private final int[] paramWidths;
    private final Primitive[] body;

    public ActionSpec(int id, String name, List<String> paramNames, int[] paramWidths, Primitive[] body) {
        this.id = id;
        this.name = name;
        this.paramNames = List.copyOf(paramNames);
        this.paramWidths = paramWidths.clone();
        this.body = body.clone();
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<String> paramNames() {
        return paramNames;
    }

    public int paramWidth(int i) {
        return paramWidths[i];
    }

    public int paramCount() {
        return paramWidths.length;
    }

    /** Runs the body with the given arguments. */
    public void execute(PacketContext c, ActionData data) {
        c.args = data.args;
        c.wideArgs = data.wideArgs;
        for (Primitive p : body) {
            p.execute(c);
        }
    }

    @Override
    public String toString() {
        return name + "#" + id;
    }
}
