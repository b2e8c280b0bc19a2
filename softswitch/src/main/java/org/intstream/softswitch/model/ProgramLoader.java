package org.intstream.softswitch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.action.FieldWrite;
import org.intstream.softswitch.action.Primitive;
import org.intstream.softswitch.action.PrimitiveCompiler;
import org.intstream.softswitch.engine.Deparser;
import org.intstream.softswitch.expr.ExprCompiler;
import org.intstream.softswitch.extern.ChecksumUnit;
import org.intstream.softswitch.extern.Externs;
import org.intstream.softswitch.parser.Parser;
import org.intstream.softswitch.parser.ParserCompiler;
import org.intstream.softswitch.pipeline.Pipeline;
import org.intstream.softswitch.pipeline.PipelineCompiler;

/**
 * Loads the BMv2 JSON that {@code p4c-bm2-ss} emits for a v1model program. The JSON is interpreted
 * generically; anything malformed or unsupported is refused with a {@link ProgramFormatException}
 * naming the JSON pointer and the problem.
 */
public final class ProgramLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProgramLoader() {
    }

    public static P4Program load(Path file) throws IOException {
        return parse(Files.readString(file), file.getFileName().toString());
    }

    /**
     * Loads a program from its JSON text.
     *
     * @param source names the input in messages
     */
    public static P4Program parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ProgramFormatException(source + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr()),
                    "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ProgramFormatException(source, "a BMv2 JSON program must be a JSON object");
        }
        return build(new JsonPath(root, ""), source);
    }

    private static P4Program build(JsonPath root, String source) {
        Layout layout = Layout.read(root);
        StandardMetadata std = new StandardMetadata(layout, root.get("headers"));
        Map<String, Integer> errors = new HashMap<>();
        for (JsonPath e : root.array("errors")) {
            errors.put(e.at(0).text(), e.at(1).integer());
        }
        int packetTooShort = errors.getOrDefault("PacketTooShort", 1);
        int invalidArgument = errors.getOrDefault("ParserInvalidArgument", 6);
        int stackOutOfBounds = errors.getOrDefault("StackOutOfBounds", 3);
        ExprCompiler exprs = new ExprCompiler(layout, stackOutOfBounds);
        Externs externs = Externs.read(root, layout);
        PrimitiveCompiler primitives = new PrimitiveCompiler(layout, exprs, externs);

        Map<Integer, ActionSpec> actions = new LinkedHashMap<>();
        for (JsonPath a : root.array("actions")) {
            ActionSpec spec = action(a, primitives);
            if (actions.put(spec.id(), spec) != null) {
                throw a.get("id").error("action id " + spec.id() + " is used twice");
            }
        }

        List<JsonPath> parsers = root.array("parsers");
        if (parsers.size() != 1) {
            throw root.get("parsers").error("a v1model program has exactly one parser, found " + parsers.size());
        }
        Parser parser = new ParserCompiler(layout, exprs, primitives, packetTooShort, invalidArgument, stackOutOfBounds).compile(parsers.get(0));

        PipelineCompiler pipelines = new PipelineCompiler(layout, exprs, actions, externs);
        Pipeline ingress = null;
        Pipeline egress = null;
        for (JsonPath p : root.array("pipelines")) {
            String name = p.text("name");
            if ("ingress".equals(name)) {
                ingress = pipelines.compile(p);
            } else if ("egress".equals(name)) {
                egress = pipelines.compile(p);
            } else {
                throw p.get("name").error("unexpected pipeline \"" + name + "\" (v1model has ingress and egress)");
            }
        }
        if (ingress == null || egress == null) {
            throw root.error("the program needs an \"ingress\" and an \"egress\" pipeline");
        }

        List<JsonPath> deparsers = root.array("deparsers");
        if (deparsers.size() != 1) {
            throw root.get("deparsers").error("a v1model program has exactly one deparser, found " + deparsers.size());
        }
        JsonPath dep = deparsers.get(0);
        if (!dep.array("primitives").isEmpty()) {
            throw dep.get("primitives").error("deparser primitives are not supported");
        }
        List<HeaderInfo> order = new ArrayList<>();
        for (JsonPath h : dep.array("order")) {
            order.add(layout.header(h.text(), h));
        }

        List<ChecksumUnit> checksums = new ArrayList<>();
        for (JsonPath c : root.array("checksums")) {
            checksums.add(checksum(c, layout, exprs, externs));
        }

        Map<Integer, List<FieldInfo>> fieldLists = new HashMap<>();
        for (JsonPath fl : root.array("field_lists")) {
            List<FieldInfo> fields = new ArrayList<>();
            for (JsonPath el : fl.array("elements")) {
                if (!"field".equals(el.text("type"))) {
                    throw el.get("type").error("field list elements must be fields");
                }
                JsonPath pair = el.get("value");
                fields.add(layout.field(pair.at(0).text(), pair.at(1).text(), pair));
            }
            fieldLists.put(fl.integer("id"), List.copyOf(fields));
        }
        String name = root.has("program") ? root.text("program") : source;
        return new P4Program(name, layout, std, parser, ingress, egress, new Deparser(order), checksums,
                fieldLists, actions, externs, errors);
    }

    private static ActionSpec action(JsonPath a, PrimitiveCompiler primitives) {
        List<String> names = new ArrayList<>();
        List<JsonPath> params = a.array("runtime_data");
        int[] widths = new int[params.size()];
        for (int i = 0; i < widths.length; i++) {
            names.add(params.get(i).text("name"));
            widths[i] = params.get(i).integer("bitwidth");
        }
        List<JsonPath> body = a.array("primitives");
        Primitive[] compiled = new Primitive[body.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = primitives.compile(body.get(i), widths);
        }
        return new ActionSpec(a.integer("id"), a.text("name"), names, widths, compiled);
    }

    private static ChecksumUnit checksum(JsonPath c, Layout layout, ExprCompiler exprs, Externs externs) {
        String type = c.text("type");
        if (!"generic".equals(type) && !"ipv4".equals(type)) {
            throw c.get("type").error("unsupported checksum type \"" + type + "\"");
        }
        JsonPath target = c.get("target");
        FieldInfo field = layout.field(target.at(0).text(), target.at(1).text(), target);
        JsonPath cond = c.opt("if_cond");
        return new ChecksumUnit(c.text("name"), exprs.field(target), new FieldWrite(field),
                externs.calculation(c.text("calculation"), c.get("calculation")),
                cond == null ? null : exprs.compile(cond, null),
                c.bool("verify", false), c.bool("update", true));
    }
}
