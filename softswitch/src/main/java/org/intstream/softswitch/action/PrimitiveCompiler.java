package org.intstream.softswitch.action;

import java.util.List;
import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.expr.ExprCompiler;
import org.intstream.softswitch.extern.Externs;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.JsonPath;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.model.StackInfo;

/**
 * Compiles the primitive calls p4c emits for v1model into {@link Primitive}s. A primitive the soft switch
 * does not implement is refused with its JSON pointer, never skipped.
 */
public final class PrimitiveCompiler {
    private final Layout layout;
    private final ExprCompiler exprs;
    private final Externs externs;

    public PrimitiveCompiler(Layout layout, ExprCompiler exprs, Externs externs) {
        this.layout = layout;
        this.exprs = exprs;
        this.externs = externs;
    }

    /** Compiles one {@code {"op": …, "parameters": […]}} object. */
    public Primitive compile(JsonPath call, int[] argWidths) {
        String op = call.text("op");
        List<JsonPath> p = call.array("parameters");
        switch (op) {
            case "assign":
            case "modify_field":
                arity(call, p, 2);
                return new Assign(fieldWrite(p.get(0)), value(p.get(1), argWidths));
            case "assign_union": {
                arity(call, p, 2);
                return new AssignHeaders(layout, layout.union(named(p.get(0), "header_union"), p.get(0)),
                        layout.union(named(p.get(1), "header_union"), p.get(1)), -1, -1);
            }
            case "assign_header_stack": {
                arity(call, p, 2);
                StackInfo dst = layout.stack(named(p.get(0), "header_stack"), p.get(0));
                StackInfo src = layout.stack(named(p.get(1), "header_stack"), p.get(1));
                return new AssignHeaders(layout, dst.elements(), src.elements(), dst.index(), src.index());
            }
            case "push":
            case "pop":
                arity(call, p, 2);
                return new StackShift(layout.stack(named(p.get(0), "header_stack"), p.get(0)),
                        value(p.get(1), argWidths), op.equals("push"));
            case "assign_header":
            case "copy_header": {
                arity(call, p, 2);
                HeaderInfo dst = header(p.get(0));
                HeaderInfo src = header(p.get(1));
                if (!dst.typeName().equals(src.typeName())) {
                    throw call.error("assign_header between different header types " + dst.typeName()
                            + " and " + src.typeName());
                }
                return new AssignHeader(layout, dst, src);
            }
            case "add_header":
            case "remove_header": {
                arity(call, p, 1);
                boolean valid = op.equals("add_header");
                return new HeaderValidity(layout, header(p.get(0)), valid);
            }
            case "mark_to_drop":
                return new MarkToDrop(stdSlot("egress_spec", call), stdSlot("mcast_grp", call));
            case "drop":
            case "_drop":
                return new MarkToDrop(stdSlot("egress_spec", call), -1);
            case "register_read":
                arity(call, p, 3);
                return new RegisterRead(fieldWrite(p.get(0)),
                        externs.register(named(p.get(1), "register_array"), p.get(1)), value(p.get(2), argWidths));
            case "register_write":
                arity(call, p, 3);
                return new RegisterWrite(externs.register(named(p.get(0), "register_array"), p.get(0)),
                        value(p.get(1), argWidths), value(p.get(2), argWidths));
            case "count":
                arity(call, p, 2);
                return new Count(externs.counter(named(p.get(0), "counter_array"), p.get(0)), value(p.get(1), argWidths));
            case "execute_meter":
                arity(call, p, 3);
                return new ExecuteMeter(externs.meter(named(p.get(0), "meter_array"), p.get(0)),
                        value(p.get(1), argWidths), fieldWrite(p.get(2)));
            case "modify_field_with_hash_based_offset":
                arity(call, p, 4);
                return new HashBasedOffset(fieldWrite(p.get(0)), value(p.get(1), argWidths),
                        externs.calculation(named(p.get(2), "calculation"), p.get(2)), value(p.get(3), argWidths));
            case "clone_ingress_pkt_to_egress":
            case "clone_egress_pkt_to_egress":
                arity(call, p, 2);
                return new Clone(value(p.get(0), argWidths), value(p.get(1), argWidths));
            case "resubmit":
                arity(call, p, 1);
                return new LoopRequest(value(p.get(0), argWidths), false);
            case "recirculate":
                arity(call, p, 1);
                return new LoopRequest(value(p.get(0), argWidths), true);
            case "truncate":
                arity(call, p, 1);
                return new Truncate(value(p.get(0), argWidths));
            case "exit":
                return new Exit();
            case "log_msg":
            case "no_op":
                // Logging has no effect on packets or state.
                return c -> { };
            default:
                throw call.get("op").error("primitive \"" + op + "\" is not supported by the soft switch");
        }
    }

    private static void arity(JsonPath call, List<JsonPath> params, int n) {
        if (params.size() != n) {
            throw call.error("primitive \"" + call.text("op") + "\" takes " + n + " parameter(s), has " + params.size());
        }
    }

    private Expr value(JsonPath param, int[] argWidths) {
        return exprs.compile(param, argWidths);
    }

    /** A destination field ({@code {"type": "field", "value": [h, f]}}). */
    public FieldWrite fieldWrite(JsonPath param) {
        if (!"field".equals(param.text("type"))) {
            throw param.error("expected a field to write, found a \"" + param.text("type") + "\"");
        }
        JsonPath pair = param.get("value");
        if (Layout.VALID_FIELD.equals(pair.at(1).text())) {
            throw pair.error("writing $valid$ directly is not supported; use add_header/remove_header");
        }
        return new FieldWrite(layout.field(pair.at(0).text(), pair.at(1).text(), pair));
    }

    private HeaderInfo header(JsonPath param) {
        if (!"header".equals(param.text("type"))) {
            throw param.error("expected a header, found a \"" + param.text("type") + "\"");
        }
        return layout.header(param.text("value"), param.get("value"));
    }

    private static String named(JsonPath param, String type) {
        if (!type.equals(param.text("type"))) {
            throw param.error("expected a " + type + ", found a \"" + param.text("type") + "\"");
        }
        return param.text("value");
    }

    private int stdSlot(String field, JsonPath where) {
        FieldInfo f = layout.fieldOrNull("standard_metadata." + field);
        if (f == null) {
            throw where.error("the program has no standard_metadata." + field + " (is it a v1model program?)");
        }
        return f.slot();
    }
}
