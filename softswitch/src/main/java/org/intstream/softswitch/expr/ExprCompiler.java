package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.JsonPath;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.model.StackInfo;

/**
 * Turns BMv2 JSON expressions ({@code {"type": "expression", "value": {"op": …}}} and the operand forms
 * {@code field}, {@code hexstr}, {@code bool}, {@code runtime_data}, {@code header}) into {@link Expr}
 * trees. Unknown operations and operands are refused with their JSON pointer.
 */
public final class ExprCompiler {
    private final Layout layout;
    private final int stackOutOfBounds;

    /** @param stackOutOfBounds the program's StackOutOfBounds error code, for reads of an empty stack's last element */
    public ExprCompiler(Layout layout, int stackOutOfBounds) {
        this.layout = layout;
        this.stackOutOfBounds = stackOutOfBounds;
    }

    /**
     * Compiles an operand or expression.
     *
     * @param argWidths widths of the enclosing action's parameters, or null outside actions
     */
    public Expr compile(JsonPath node, int[] argWidths) {
        String type = node.text("type");
        switch (type) {
            case "expression": {
                JsonPath value = node.get("value");
                return value.has("op") ? compileOp(value, argWidths) : compile(value, argWidths);
            }
            case "field":
                return field(node.get("value"));
            case "stack_field": {
                JsonPath pair = node.get("value");
                StackInfo stack = layout.stack(pair.at(0).text(), pair.at(0));
                String name = pair.at(1).text();
                if (stack.elements().get(0).field(name) == null) {
                    throw pair.at(1).error("header stack \"" + stack.name() + "\" has no field \"" + name + "\"");
                }
                return new StackLastFieldRead(stack, name, stackOutOfBounds);
            }
            case "hexstr":
                return new Constant(parseHex(node.get("value")));
            case "bool":
                return new BoolConstant(node.get("value").bool());
            case "runtime_data":
            // Inside expressions BMv2 calls action parameters "local".
            case "local": {
                int index = node.get("value").integer();
                if (argWidths == null) {
                    throw node.error("runtime_data used outside an action");
                }
                if (index < 0 || index >= argWidths.length) {
                    throw node.get("value").error("runtime_data index " + index + " but the action has "
                            + argWidths.length + " parameter(s)");
                }
                return new ActionArgument(index, argWidths[index]);
            }
            default:
                throw node.get("type").error("unsupported operand type \"" + type + "\"");
        }
    }

    /** Reads a {@code ["header", "field"]} pair; {@code $valid$} reads the header's validity bit. */
    public Expr field(JsonPath pair) {
        String header = pair.at(0).text();
        String name = pair.at(1).text();
        if (Layout.VALID_FIELD.equals(name)) {
            return new ValidRead(layout.header(header, pair).index(), false);
        }
        FieldInfo f = layout.field(header, name, pair);
        return f.wide() ? new WideFieldRead(f) : new FieldRead(f);
    }

    private Expr compileOp(JsonPath op, int[] argWidths) {
        String name = op.text("op");
        switch (name) {
            case "+":
                return new RingOp(RingOp.Kind.ADD, left(op, argWidths), right(op, argWidths));
            case "-":
                return new RingOp(RingOp.Kind.SUB, left(op, argWidths), right(op, argWidths));
            case "*":
                return new RingOp(RingOp.Kind.MUL, left(op, argWidths), right(op, argWidths));
            case "&":
                return new RingOp(RingOp.Kind.AND, left(op, argWidths), right(op, argWidths));
            case "|":
                return new RingOp(RingOp.Kind.OR, left(op, argWidths), right(op, argWidths));
            case "^":
                return new RingOp(RingOp.Kind.XOR, left(op, argWidths), right(op, argWidths));
            case "~":
                return new Complement(right(op, argWidths));
            case "<<":
                return new ShiftLeft(left(op, argWidths), right(op, argWidths));
            case ">>":
                return new ShiftRight(left(op, argWidths), right(op, argWidths));
            case "/":
                return new Division(false, left(op, argWidths), right(op, argWidths));
            case "%":
                return new Division(true, left(op, argWidths), right(op, argWidths));
            case "==":
                return new Comparison(Comparison.Kind.EQ, left(op, argWidths), right(op, argWidths));
            case "!=":
                return new Comparison(Comparison.Kind.NE, left(op, argWidths), right(op, argWidths));
            case "<":
                return new Comparison(Comparison.Kind.LT, left(op, argWidths), right(op, argWidths));
            case ">":
                return new Comparison(Comparison.Kind.GT, left(op, argWidths), right(op, argWidths));
            case "<=":
                return new Comparison(Comparison.Kind.LE, left(op, argWidths), right(op, argWidths));
            case ">=":
                return new Comparison(Comparison.Kind.GE, left(op, argWidths), right(op, argWidths));
            case "and":
                return new Logical(Logical.Kind.AND, left(op, argWidths), right(op, argWidths));
            case "or":
                return new Logical(Logical.Kind.OR, left(op, argWidths), right(op, argWidths));
            case "not":
                return new Logical(Logical.Kind.NOT, null, right(op, argWidths));
            case "d2b":
                return new Logical(Logical.Kind.D2B, null, right(op, argWidths));
            case "b2d":
                return new Logical(Logical.Kind.B2D, null, right(op, argWidths));
            case "?":
                return new Conditional(compile(op.get("cond"), argWidths), left(op, argWidths), right(op, argWidths));
            case "valid": {
                JsonPath operand = op.get("right");
                if (!"header".equals(operand.text("type"))) {
                    throw operand.error("\"valid\" expects a header operand");
                }
                HeaderInfo h = layout.header(operand.text("value"), operand.get("value"));
                return new ValidRead(h.index(), true);
            }
            case "valid_union": {
                JsonPath operand = op.get("right");
                if (!"header_union".equals(operand.text("type"))) {
                    throw operand.error("\"valid_union\" expects a header union operand");
                }
                return new AnyValid(layout.union(operand.text("value"), operand.get("value")).stream()
                        .mapToInt(HeaderInfo::index).toArray());
            }

            case "two_comp_mod":
                return new WidthCast(WidthCast.Kind.TWO_COMP_MOD, left(op, argWidths), width(op));
            case "usat_cast":
                return new WidthCast(WidthCast.Kind.USAT, left(op, argWidths), width(op));
            case "sat_cast":
                return new WidthCast(WidthCast.Kind.SAT, left(op, argWidths), width(op));
            default:
                throw op.get("op").error("unsupported expression operation \"" + name + "\"");
        }
    }

    private Expr left(JsonPath op, int[] argWidths) {
        return compile(op.get("left"), argWidths);
    }

    private Expr right(JsonPath op, int[] argWidths) {
        return compile(op.get("right"), argWidths);
    }

    private int width(JsonPath op) {
        Expr w = compile(op.get("right"), null);
        if (!(w instanceof Constant)) {
            throw op.get("right").error("cast width must be a constant");
        }
        return ((Constant) w).value().intValueExact();
    }

    /** Parses BMv2's hex strings ("0x0a", "-0x1"); a malformed one is refused where it stands. */
    public static BigInteger parseHex(JsonPath value) {
        String s = value.text();
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        if (!digits.startsWith("0x") && !digits.startsWith("0X")) {
            throw value.error("expected a hex string like \"0x0a\", found \"" + s + "\"");
        }
        try {
            BigInteger v = new BigInteger(digits.substring(2), 16);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            throw value.error("malformed hex string \"" + s + "\"");
        }
    }
}
