package org.intstream.softswitch.parser;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.action.Assign;
import org.intstream.softswitch.action.FieldWrite;
import org.intstream.softswitch.action.Primitive;
import org.intstream.softswitch.action.PrimitiveCompiler;
import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.expr.ExprCompiler;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.JsonPath;
import org.intstream.softswitch.model.Layout;

/** Compiles a BMv2 JSON parser (states, parser ops, transition keys and value/mask transitions). */
public final class ParserCompiler {
    private final Layout layout;
    private final ExprCompiler exprs;
    private final PrimitiveCompiler primitives;
    private final int packetTooShort;
    private final int invalidArgument;
    private final int stackOutOfBounds;

    public ParserCompiler(Layout layout, ExprCompiler exprs, PrimitiveCompiler primitives, int packetTooShort,
            int invalidArgument, int stackOutOfBounds) {
        this.layout = layout;
        this.exprs = exprs;
        this.primitives = primitives;
        this.packetTooShort = packetTooShort;
        this.invalidArgument = invalidArgument;
        this.stackOutOfBounds = stackOutOfBounds;
    }

    public Parser compile(JsonPath parser) {
        String name = parser.text("name");
        List<JsonPath> stateNodes = parser.array("parse_states");
        Map<String, ParseState> states = new HashMap<>();
        List<ParseState> ordered = new ArrayList<>();
        for (JsonPath s : stateNodes) {
            ParseState state = compileState(s);
            if (states.put(state.name(), state) != null) {
                throw s.error("parse state \"" + state.name() + "\" is defined twice");
            }
            ordered.add(state);
        }
        for (int i = 0; i < stateNodes.size(); i++) {
            JsonPath s = stateNodes.get(i);
            ParseState state = ordered.get(i);
            List<JsonPath> transitions = s.array("transitions");
            int t = 0;
            for (JsonPath tr : transitions) {
                ParseState target = target(tr, states);
                if ("default".equals(tr.text("type"))) {
                    state.linkDefault(target);
                } else {
                    state.link(t++, target);
                }
            }
        }
        String init = parser.text("init_state");
        ParseState start = states.get(init);
        if (start == null) {
            throw parser.get("init_state").error("unknown parse state \"" + init + "\"");
        }
        return new Parser(name, start);
    }

    private static ParseState target(JsonPath transition, Map<String, ParseState> states) {
        JsonPath next = transition.opt("next_state");
        if (next == null) {
            return null;
        }
        ParseState s = states.get(next.text());
        if (s == null) {
            throw next.error("unknown parse state \"" + next.text() + "\"");
        }
        return s;
    }

    private ParseState compileState(JsonPath s) {
        List<ParserOp> ops = new ArrayList<>();
        for (JsonPath op : s.array("parser_ops")) {
            ops.add(compileOp(op));
        }
        List<ParseState.KeyPart> key = new ArrayList<>();
        int keyBytes = 0;
        for (JsonPath k : s.array("transition_key")) {
            String type = k.text("type");
            if ("field".equals(type)) {
                JsonPath pair = k.get("value");
                Expr read = exprs.field(pair);
                int width = Layout.VALID_FIELD.equals(pair.at(1).text()) ? 1
                        : layout.field(pair.at(0).text(), pair.at(1).text(), pair).width();
                key.add(ParseState.KeyPart.field(read, width));
                keyBytes += (width + 7) / 8;
            } else if ("stack_field".equals(type)) {
                Expr read = exprs.compile(k, null);
                key.add(ParseState.KeyPart.field(read, read.bits));
                keyBytes += (read.bits + 7) / 8;
            } else if ("lookahead".equals(type)) {
                JsonPath v = k.get("value");
                int width = v.at(1).integer();
                if (width > 64) {
                    throw v.error("lookahead wider than 64 bits is not supported");
                }
                key.add(ParseState.KeyPart.lookahead(v.at(0).integer(), width));
                keyBytes += (width + 7) / 8;
            } else {
                throw k.get("type").error("unsupported transition key type \"" + type + "\"");
            }
        }
        List<BigInteger> values = new ArrayList<>();
        List<BigInteger> masks = new ArrayList<>();
        BigInteger all = BigInteger.ONE.shiftLeft(8 * keyBytes).subtract(BigInteger.ONE);
        for (JsonPath tr : s.array("transitions")) {
            String type = tr.text("type");
            if ("default".equals(type)) {
                continue;
            }
            if (!"hexstr".equals(type)) {
                throw tr.get("type").error("unsupported transition type \"" + type + "\" (value sets are not supported)");
            }
            values.add(ExprCompiler.parseHex(tr.get("value")));
            JsonPath mask = tr.opt("mask");
            masks.add(mask == null ? all : ExprCompiler.parseHex(mask));
        }
        return new ParseState(s.text("name"), ops.toArray(new ParserOp[0]),
                key.toArray(new ParseState.KeyPart[0]), values.toArray(new BigInteger[0]),
                masks.toArray(new BigInteger[0]), packetTooShort);
    }

    private ParserOp compileOp(JsonPath op) {
        String name = op.text("op");
        List<JsonPath> p = op.array("parameters");
        switch (name) {
            case "extract": {
                JsonPath h = p.isEmpty() ? op.get("parameters") : p.get(0);
                String type = h.text("type");
                if ("stack".equals(type)) {
                    return new ExtractNext(layout, layout.stack(h.text("value"), h.get("value")), packetTooShort,
                            stackOutOfBounds);
                }
                if (!"regular".equals(type)) {
                    throw h.get("type").error("extract of a \"" + type + "\" header is not supported");
                }
                return new Extract(layout, layout.header(h.text("value"), h.get("value")), packetTooShort);
            }
            case "set": {
                JsonPath dst = p.get(0);
                JsonPath pair = dst.get("value");
                FieldInfo f = layout.field(pair.at(0).text(), pair.at(1).text(), pair);
                FieldWrite target = new FieldWrite(f);
                JsonPath src = p.get(1);
                if ("lookahead".equals(src.text("type"))) {
                    JsonPath v = src.get("value");
                    if (v.at(1).integer() > 64) {
                        throw v.error("lookahead wider than 64 bits is not supported");
                    }
                    return new SetFromLookahead(target, v.at(0).integer(), v.at(1).integer(), packetTooShort);
                }
                Assign assign = new Assign(target, exprs.compile(src, null));
                return assign::execute;
            }
            case "verify":
                return new Verify(exprs.compile(p.get(0), null), exprs.compile(p.get(1), null));
            case "shift":
                return new Advance(exprs.compile(p.get(0), null), false, packetTooShort, invalidArgument);
            case "advance":
                return new Advance(exprs.compile(p.get(0), null), true, packetTooShort, invalidArgument);
            case "primitive": {
                Primitive prim = primitives.compile(p.get(0), null);
                return prim::execute;
            }
            default:
                throw op.get("op").error("parser op \"" + name + "\" is not supported by the soft switch");
        }
    }
}
