package org.intstream.softswitch.extern;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.intstream.softswitch.expr.ExprCompiler;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.JsonPath;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * A named BMv2 calculation ({@code calculations} in the JSON): a hash algorithm over a list of fields,
 * constants, whole headers and optionally the payload. As in BMv2, fields of invalid packet headers and
 * invalid headers are left out of the input.
 */
public final class Calculation {
    private final String name;
    private final HashAlgorithm algorithm;
    private final List<Input> inputs;
    private final BitPacker packer = new BitPacker();

    private Calculation(String name, HashAlgorithm algorithm, List<Input> inputs) {
        this.name = name;
        this.algorithm = algorithm;
        this.inputs = inputs;
    }

    public static Calculation read(JsonPath calc, Layout layout) {
        String name = calc.text("name");
        String algo = calc.text("algo");
        HashAlgorithm algorithm = HashAlgorithm.byBmv2Name(algo);
        if (algorithm == null) {
            throw calc.get("algo").error("hash algorithm \"" + algo + "\" of calculation \"" + name
                    + "\" is not supported (crc32, crc16, crcCCITT, csum16, cksum16, identity, xor16, xor32 and the"
                    + " crc*_custom CRCs with BMv2's default parameters are)");
        }
        List<Input> inputs = new ArrayList<>();
        for (JsonPath in : calc.array("input")) {
            String type = in.text("type");
            switch (type) {
                case "field": {
                    JsonPath pair = in.get("value");
                    FieldInfo f = layout.field(pair.at(0).text(), pair.at(1).text(), pair);
                    HeaderInfo h = layout.headers().get(f.header());
                    inputs.add(new Input(f, h.metadata() ? -1 : h.index(), null, 0, null));
                    break;
                }
                case "hexstr": {
                    BigInteger v = ExprCompiler.parseHex(in.get("value"));
                    int width = in.integer("bitwidth");
                    inputs.add(new Input(null, -1, v, width, null));
                    break;
                }
                case "header": {
                    HeaderInfo h = layout.header(in.text("value"), in.get("value"));
                    inputs.add(new Input(null, h.metadata() ? -1 : h.index(), null, 0, h));
                    break;
                }
                case "payload":
                    inputs.add(Input.PAYLOAD);
                    break;
                default:
                    throw in.get("type").error("unsupported calculation input type \"" + type + "\"");
            }
        }
        return new Calculation(name, algorithm, List.copyOf(inputs));
    }

    public String name() {
        return name;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** The hash of the packed inputs for this packet. */
    public long compute(PacketContext c) {
        packer.reset();
        for (Input in : inputs) {
            if (in.validity >= 0 && !c.phv.valid[in.validity]) {
                continue;
            }
            if (in == Input.PAYLOAD) {
                packer.putBytes(c.data, c.payloadOffset, c.length - c.payloadOffset);
            } else if (in.header != null) {
                for (FieldInfo f : in.header.fields()) {
                    putField(c, f);
                }
            } else if (in.field != null) {
                putField(c, in.field);
            } else {
                packer.put(in.constant, in.width);
            }
        }
        return algorithm.hash(packer.buffer(), packer.byteLength());
    }

    private void putField(PacketContext c, FieldInfo f) {
        if (f.wide()) {
            packer.put(c.phv.wide[f.slot()], f.width());
        } else {
            packer.put(c.phv.values[f.slot()], f.width());
        }
    }

    /** One input: a field, a constant, a whole header, or the payload. */
    private static final class Input {
        static final Input PAYLOAD = new Input(null, -1, null, 0, null);

        final FieldInfo field;
        /** Header whose validity gates the input, or -1 (metadata and constants are always in). */
        final int validity;
        final BigInteger constant;
        final int width;
        final HeaderInfo header;

        Input(FieldInfo field, int validity, BigInteger constant, int width, HeaderInfo header) {
            this.field = field;
            this.validity = validity;
            this.constant = constant;
            this.width = width;
            this.header = header;
        }
    }
}
