package org.intstream.agent.stream;

import java.nio.ByteBuffer;
import org.intstream.engine.source.RawFrame;
import org.intstream.query.type.IpAddress;

/** Ethernet/IPv4/TCP SYN frames built by hand, for feeding local stages. */
final class SynFrames {
    private SynFrames() {
    }

    static RawFrame syn(long tsMicros, String src, String dst, int dport) {
        ByteBuffer b = ByteBuffer.allocate(54);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0)
                .putInt(IpAddress.parse(src).v4Bits()).putInt(IpAddress.parse(dst).v4Bits());
        b.putShort((short) 40000).putShort((short) dport).putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x02)
                .putShort((short) 1024).putShort((short) 0).putShort((short) 0);
        RawFrame f = new RawFrame();
        f.data = b.array();
        f.offset = 0;
        f.capLen = 54;
        f.wireLen = 60;
        f.tsMicros = tsMicros;
        f.linkType = 1;
        return f;
    }
}
