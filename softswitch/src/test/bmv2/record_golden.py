"""Records golden vectors from real BMv2 for the soft switch's test programs.

Run by record.sh inside a network namespace where simple_switch_grpc listens on 127.0.0.1 and its ports
1..4 are veth pairs sw<i> <-> h<i>. Installs the scenario's setup over P4Runtime, sends each input
frame on h<port> (or as a packet-out), collects what leaves on every h<i> and the packet-ins, and writes
setup, inputs and outputs as JSON. Inputs are generated from fixed seeds, so a re-run sends the same
frames.
"""
import argparse
import hashlib
import os
import json
import random
import select
import socket
import struct
import time

from p4rt import Client, P4Info

PORTS = [1, 2, 3, 4]
ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_VLAN_VALID = 0x10
TP_STATUS_VLAN_TPID_VALID = 0x40


def mac(n):
    return n.to_bytes(6, "big")


def ipv4(src, dst, proto, payload, ttl=64, ident=1, frag=0, dscp=0):
    total = 20 + len(payload)
    return struct.pack("!BBHHHBBH4s4s", 0x45, dscp, total, ident, frag, ttl, proto, 0,
                       socket.inet_aton(src), socket.inet_aton(dst)) + payload


def tcp(sport, dport):
    return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 0x50, 0x02, 1024, 0, 0)


def udp(sport, dport, data=b"hello"):
    return struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data


def eth(dst, src, etype, payload):
    return mac(dst) + mac(src) + struct.pack("!H", etype) + payload


def forwarding_scenario():
    setup = {
        "tables": [
            {"table": "TestIngress.l2", "match": [{"exact": "0x000000000002"}], "action": "TestIngress.set_port", "params": ["0x2"]},
            {"table": "TestIngress.l2", "match": [{"exact": "0xffffffffffff"}], "action": "TestIngress.flood", "params": ["0x1"]},
            {"table": "TestIngress.l2", "match": [{"exact": "0x00000000000c"}], "action": "TestIngress.to_cpu"},
            {"table": "TestIngress.l2", "match": [{"exact": "0x00000000000d"}], "action": "TestIngress.drop"},
            {"table": "TestIngress.routes", "match": [{"lpm": ["0x0a000200", 24]}], "action": "TestIngress.route", "params": ["0x3", "0x000000000033"]},
            {"table": "TestIngress.routes", "match": [{"lpm": ["0x0a000000", 8]}], "action": "TestIngress.route", "params": ["0x4", "0x000000000044"]},
            {"table": "TestIngress.routes", "match": [{"lpm": ["0x0a000280", 25]}], "action": "TestIngress.drop"},
            {"table": "TestIngress.acl", "priority": 10,
             "match": [{"exact": "0x1"}, {"exact": "0x1"}, {"ternary": ["0x0a000000", "0xff000000"]}, {"ternary": ["0x0016", "0xffff"]}],
             "action": "TestIngress.mirror_to_cpu"},
            {"table": "TestIngress.acl", "priority": 5,
             "match": [{"exact": "0x1"}, {"exact": "0x1"}, {"ternary": ["0x0a000900", "0xffffff00"]}, {"wildcard": None}],
             "action": "TestIngress.drop"},
            {"table": "TestIngress.acl", "priority": 3,
             "match": [{"exact": "0x1"}, {"exact": "0x0"}, {"ternary": ["0xc0a80000", "0xffff0000"]}, {"wildcard": None}],
             "action": "TestIngress.set_class", "params": ["0x5"]},
        ],
        "multicast_groups": [{"id": 1, "replicas": [[2, 1], [3, 2], [4, 0]]}],
        "clone_sessions": [{"id": 100, "replicas": [[255, 0]]}],
    }
    h1, h2 = 0x000000000001, 0x000000000002
    frames = [
        ("l2 unicast", 1, eth(h2, h1, 0x88cc, b"\x01\x02\x03\x04\x05\x06")),
        ("broadcast non-IP", 1, eth(0xffffffffffff, h1, 0x0806, bytes(range(28)))),
        ("broadcast IPv4 marks replicas", 1, eth(0xffffffffffff, h1, 0x0800, ipv4("192.0.2.1", "192.0.2.255", 17, udp(5000, 6000)))),
        ("to CPU with class from const entry", 2, eth(0x0c, h1, 0x0800, ipv4("192.0.2.1", "192.0.2.2", 6, tcp(40000, 80)))),
        ("l2 drop", 1, eth(0x0d, h1, 0x0800, ipv4("192.0.2.1", "192.0.2.2", 6, tcp(1, 2)))),
        ("route /24 and mirror ssh to CPU", 1, eth(h2, h1, 0x0800, ipv4("10.1.1.1", "10.0.2.5", 6, tcp(33333, 22)))),
        ("long mirrored packet is truncated to 64 bytes", 2, eth(h2, h1, 0x0800, ipv4("10.7.7.7", "10.0.2.9", 6, tcp(44444, 22) + bytes(range(100))))),
        ("route /25 drop wins over /24", 1, eth(h2, h1, 0x0800, ipv4("10.1.1.1", "10.0.2.200", 6, tcp(33333, 443)))),
        ("route /8", 3, eth(h2, h1, 0x0800, ipv4("10.1.1.1", "10.5.5.5", 17, udp(53, 53)))),
        ("ttl 1 not routed", 1, eth(h2, h1, 0x0800, ipv4("10.1.1.1", "10.0.2.5", 6, tcp(1000, 2000), ttl=1))),
        ("vlan untagged, class from masked const entry", 4, eth(h2, h1, 0x8100, struct.pack("!HH", 0x2005, 0x0800) + ipv4("192.0.2.7", "192.0.2.8", 17, udp(1234, 81)))),
        ("truncated IPv4 header is a parser error", 1, eth(h2, h1, 0x0800, bytes(10))),
        ("non-first fragment has no L4 header", 1, eth(h2, h1, 0x0800, ipv4("192.0.2.1", "192.0.2.9", 6, tcp(5, 22), frag=0x2010))),
        ("acl drop exits", 2, eth(h2, h1, 0x0800, ipv4("10.0.9.9", "192.0.2.9", 6, tcp(5, 6)))),
        ("acl class on UDP", 2, eth(h2, h1, 0x0800, ipv4("192.168.1.1", "192.0.2.9", 17, udp(7, 8)))),
        ("packet-out to port 3", "cpu", eth(0x0a, 0x0b, 0x0800, ipv4("192.0.2.1", "192.0.2.3", 17, udp(9, 10))), {"egress_port": 3}),
    ]
    return setup, frames, []


ARITH_RESULTS = "!IIQIHHIIQ16sQQIBBIQQIH"


def arith_scenario():
    rng = random.Random(20261123)
    frames = []
    specials = [(0, 0, 0), (0xffffffff, 1, 0xffffffffffffffff), (1, 0xffffffff, 1 << 63), (0x80000000, 0x7fffffff, 0x123456789abcdef0)]
    for i in range(40):
        if i < len(specials):
            a, b, wide = specials[i]
        else:
            a, b, wide = rng.getrandbits(32), rng.getrandbits(32), rng.getrandbits(64)
            if i % 5 == 0:
                a = (a & ~0xF) | 3  # collide on register index 3
        src = rng.getrandbits(48)
        results = struct.pack(ARITH_RESULTS, a, b, wide, 0, 0, 0, 0, 0, 0, bytes(16), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        frames.append(("values %d" % i, PORTS[i % 4], eth(0x000000000002, src, 0x88b5, results)))
    frames.append(("no results header", 1, eth(0x000000000002, 0x000000000001, 0x0800, bytes(30))))
    return {"tables": [], "multicast_groups": [], "clone_sessions": []}, frames, ["ArithIngress.per_index"]


def mirror_scenario():
    setup = {"tables": [], "multicast_groups": [{"id": 1, "replicas": [[1, 7], [3, 9]]}],
             "clone_sessions": [{"id": 5, "replicas": [[2, 11], [4, 12]]}]}
    src = 0x0000000000ee
    payload = bytes(range(40, 80))
    marker = struct.pack("!BBBHHI", 0x55, 0x55, 0x55, 0x5555, 0x5555, 0x55555555)
    frames = [
        ("multicast with replica ids", 2, eth(0x000000000201, src, 0x0800, payload)),
        ("egress clone to a two-replica session", 1, eth(0x000000000202, src, 0x0800, payload)),
        ("egress clone of a packet that has a marker", 3, eth(0x000000000102, src, 0x88b6, marker + payload)),
        ("egress drop on port 3", 1, eth(0x000000000303, src, 0x0800, payload)),
        ("no drop on port 4", 1, eth(0x000000000403, src, 0x0800, payload)),
        ("short frame cloned", 4, eth(0x000000000302, src, 0x0800, b"")),
    ]
    return setup, frames, []


def hashes_scenario():
    rng = random.Random(4242)
    frames = []
    for i in range(30):
        inputs = rng.getrandbits(13 * 8).to_bytes(13, "big") if i > 1 else bytes([0xff * i] * 13)
        frames.append(("inputs %d" % i, 1, eth(0x000000000002, 0x000000000001, 0x88b7, inputs + bytes(38))))
    return {"tables": [], "multicast_groups": [], "clone_sessions": []}, frames, []


def keys_scenario():
    w = {"wildcard": None}
    tables = [
        {"table": "KeysIngress.classify", "priority": 10, "action": "KeysIngress.mark", "params": ["0x1"],
         "match": [{"exact": "0x12"}, {"range": ["0x64", "0xc8"]}, {"optional": "0x7"}, w]},
        {"table": "KeysIngress.classify", "priority": 20, "action": "KeysIngress.mark", "params": ["0x2"],
         "match": [{"exact": "0x12"}, {"range": ["0x96", "0x3e8"]}, w, {"optional": "0x1"}]},
        {"table": "KeysIngress.classify", "priority": 5, "action": "KeysIngress.mark", "params": ["0x3"],
         "match": [{"exact": "0x34"}, {"range": ["0x0", "0xa"]}, w, w]},
        {"table": "KeysIngress.classify", "priority": 1, "action": "KeysIngress.mark", "params": ["0x4"],
         "match": [{"exact": "0x12"}, {"range": ["0x0", "0x32"]}, {"optional": "0x9"}, {"optional": "0x3"}]},
    ]
    rng = random.Random(77)
    frames = []
    cases = [(0x1200, 150, 7, 1), (0x12ff, 150, 7, 2), (0x1234, 100, 7, 4), (0x1201, 201, 7, 1), (0x1201, 201, 8, 2),
             (0x3400, 10, 0, 3), (0x3400, 11, 0, 3), (0x1277, 20, 9, 3), (0x1277, 20, 9, 4), (0x5600, 150, 7, 1)]
    for i in range(30):
        if i < len(cases):
            a, b, c, port = cases[i]
        else:
            a = rng.choice([0x12, 0x34, 0x56]) << 8 | rng.getrandbits(8)
            b, c, port = rng.choice([5, 20, 120, 160, 900, 2000]), rng.choice([7, 9, 1]), rng.choice([1, 2, 3, 4])
        frames.append(("a=%04x b=%d c=%d port %d" % (a, b, c, port), port,
                       eth(0x000000000002, 0x000000000001, 0x88b8, struct.pack("!HHBB", a, b, c, 0))))
    return {"tables": tables, "multicast_groups": [], "clone_sessions": []}, frames, []


def ipv4_checksum(header):
    total = 0
    for i in range(0, len(header), 2):
        total += (header[i] << 8) | header[i + 1]
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def with_checksum(packet):
    csum = ipv4_checksum(packet[:20])
    return packet[:10] + struct.pack("!H", csum) + packet[12:]


def parse_scenario():
    h1, h2 = 0x000000000001, 0x000000000002
    good = with_checksum(ipv4("192.0.2.1", "192.0.2.2", 17, udp(1, 2)))
    bad = good[:10] + b"\x00\x01" + good[12:]
    v6 = bytes([0x65]) + good[1:]
    frames = [
        ("IPv4 with a good checksum", 1, eth(h2, h1, 0x0800, good)),
        ("IPv4 with a bad checksum", 1, eth(h2, h1, 0x0800, bad)),
        ("version 6 fails verify", 1, eth(h2, h1, 0x0800, with_checksum(v6))),
        ("IPv4 header cut short", 1, eth(h2, h1, 0x0800, good[:10])),
        ("tag after a lookahead", 1, eth(h2, h1, 0x88b9, bytes([1, 0x42, 9, 9]))),
        ("skipped then tagged", 1, eth(h2, h1, 0x88b9, bytes([2, 0xaa, 2, 0xbb, 1, 0x43, 7]))),
        ("skipped then unknown kind", 1, eth(h2, h1, 0x88b9, bytes([2, 0xaa, 3, 0x44]))),
        ("nothing to look ahead at", 1, eth(h2, h1, 0x88b9, b"")),
        ("tag cut short after a skip", 1, eth(h2, h1, 0x88b9, bytes([2, 0xaa, 1]))),
        ("other EtherType", 1, eth(h2, h1, 0x88cc, bytes(range(10)))),
    ]
    return {"tables": [], "multicast_groups": [], "clone_sessions": []}, frames, []


def loops_scenario():
    h1 = 0x000000000001
    frames = [
        ("plain pass", 1, eth(0x000000000000, h1, 0x0800, bytes(range(20)))),
        ("resubmitted once", 3, eth(0x000000000001, h1, 0x0800, bytes(range(20)))),
        ("recirculated until three rounds", 1, eth(0x000000000200, h1, 0x0800, bytes(range(20)))),
        ("resubmitted, then recirculated", 4, eth(0x000000000201, h1, 0x0800, bytes(range(20)))),
        ("already has a pass record", 2, eth(0x000000000200, h1, 0x88ba, struct.pack("!BBBBBHB", 9, 9, 9, 9, 9, 999, 1) + b"xyz")),
    ]
    return {"tables": [], "multicast_groups": [], "clone_sessions": []}, frames, []


def stacks_scenario():
    rng = random.Random(5)
    frames = []

    def vlan(tci, etype):
        return struct.pack("!HH", tci, etype)

    bodies = [
        ("no tags", 0x0800, b"payload"),
        ("one tag", 0x8100, vlan(0x0011, 0x0800) + b"payload"),
        ("two tags", 0x8100, vlan(0x0021, 0x8100) + vlan(0x0022, 0x0800) + b"payload"),
        ("three tags", 0x8100, vlan(0x0031, 0x8100) + vlan(0x0032, 0x8100) + vlan(0x0033, 0x0800) + b"payload"),
        ("four tags overflow the stack", 0x8100, vlan(1, 0x8100) + vlan(2, 0x8100) + vlan(3, 0x8100) + vlan(4, 0x0800) + b"p"),
        ("tag then union member a", 0x8100, vlan(0x0041, 0x88bb) + bytes([0x5a]) + b"payload"),
        ("union member a", 0x88bb, bytes([0x6b]) + b"payload"),
        ("union member b", 0x88bc, struct.pack("!H", 0x7c7c) + b"payload"),
        # Three bytes of a second tag: Linux drops tagged frames with less than 6 bytes after the MACs.
        ("second tag cut short", 0x8100, vlan(0x0051, 0x8100) + b"\x00\x00\x00"),
        ("one tag after the cut ones", 0x8100, vlan(0x0061, 0x0800) + b"payload"),
    ]
    for name, etype, body in bodies:
        for src_low in (0x00, 0x01, 0x02, 0x05, 0x08, 0x13):
            src = 0x0000000000e0 | src_low
            frames.append(("%s, src ..%02x" % (name, src_low), 1, eth(0x000000000002, src, etype, body)))
    return {"tables": [], "multicast_groups": [], "clone_sessions": []}, frames, []


TRACES = "../../../../tests/src/test/resources/traces/"


def read_pcap(path, limit):
    """(captured bytes, wire length) of the first `limit` frames of a pcap that fit a 1514-byte veth frame."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    frames = []
    pos = 24
    while pos + 16 <= len(data) and len(frames) < limit:
        _, _, incl, orig = struct.unpack(order + "IIII", data[pos:pos + 16])
        frame = data[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        if orig <= 1514:
            frames.append((frame, orig))
    return frames


def ternary_wildcards(n):
    return [{"wildcard": None}] * n


def configure(slot, key_src=0, key_dst=0, distinct_src=0, distinct_dport=0, distinct=0, byte_sum=0,
              threshold=0, window_us=10 ** 9, row_width_mask=1023):
    reciprocal = -(-(1 << 80) // window_us)
    params = [key_src, key_dst, 0, 0, 0, distinct_src, 0, 0, 0, distinct_dport, distinct, byte_sum, threshold,
              reciprocal, row_width_mask]
    return "IntStreamIngress.slot%d.configure" % slot, ["0x%x" % p for p in params]


def intstream_scenario(here):
    syn = [{"wildcard": None}, {"wildcard": None}, {"wildcard": None}, {"ternary": ["0x06", "0xff"]},
           {"wildcard": None}, {"wildcard": None}, {"ternary": ["0x02", "0x12"]}]
    tables = [
        {"table": "IntStreamIngress.edge_ports.edge_ports", "match": [{"exact": "0x1"}], "action": "IntStreamIngress.edge_ports.mark_edge"},
        {"table": "IntStreamIngress.forwarding.l2_ternary", "priority": 1, "match": ternary_wildcards(1),
         "action": "IntStreamIngress.forwarding.set_multicast_group", "params": ["0x1"]},
    ]
    # Windows of 1000 s keep every packet of the recording in epoch 0 on BMv2's clock (microseconds since
    # it started) and on the soft switch's (the vectors' timestamps start at 1 s).
    action, params = configure(0, key_src=0xffffffff, distinct_src=0xffffffff, distinct_dport=0xffff, distinct=1, threshold=5)
    tables.append({"table": "IntStreamIngress.slot0.filter", "priority": 10, "match": syn, "action": action, "params": params})
    action, params = configure(1, key_dst=0xffffffff, threshold=20, row_width_mask=255)
    tables.append({"table": "IntStreamIngress.slot1.filter", "priority": 10, "match": syn, "action": action, "params": params})
    action, params = configure(2, key_src=0xffffffff, byte_sum=1, threshold=3000)
    tables.append({"table": "IntStreamIngress.slot2.filter", "priority": 1, "match": ternary_wildcards(7), "action": action, "params": params})
    setup = {"tables": tables, "multicast_groups": [{"id": 1, "replicas": [[1, 0], [2, 0]]}],
             "clone_sessions": [{"id": 99, "replicas": [[255, 1]]}]}
    frames = []
    for trace, limit in (("nmap-syn-fast.pcap", 120), ("hping-flood-norst.pcap", 120), ("skewed-load.pcap", 160)):
        for i, (frame, wire) in enumerate(read_pcap(here + "/" + TRACES + trace, limit)):
            frames.append(("%s #%d" % (trace, i + 1), 1, frame, None, wire))
    counters = ["IntStreamIngress.slot%d.sketch_counter" % i for i in range(4)] + ["IntStreamEgress.report.report_counter"]
    direct = ["IntStreamIngress.slot%d.filter" % i for i in range(3)]
    return setup, frames, counters, direct


def intstream_mutations_scenario(here):
    """intstream.p4 on frames mutated from real captures: cut short, bytes flipped in the first 64, VLAN
    tags inserted, EtherTypes and IP protocols changed; the same setup as intstream_scenario."""
    setup, _, counters, direct = intstream_scenario(here)
    rng = random.Random(99)
    seeds = []
    for trace in ("nmap-syn-fast.pcap", "hping-flood-norst.pcap", "skewed-load.pcap", "busy-server.pcap",
                  "mixed-v4v6.pcap", "slowloris.pcap"):
        seeds += [f for f, _ in read_pcap(here + "/" + TRACES + trace, 60)]
    frames = []
    for i in range(300):
        f = bytearray(rng.choice(seeds))
        kind = rng.randrange(6)
        if kind == 0:
            f = f[:rng.randrange(1, len(f) + 1)]
        elif kind == 1:
            for _ in range(rng.randrange(1, 4)):
                pos = rng.randrange(min(len(f), 64))
                f[pos] = rng.randrange(256)
        elif kind == 2 and len(f) >= 14:
            f = f[:12] + struct.pack("!HH", 0x8100, rng.randrange(4096)) + f[12:]
        elif kind == 3 and len(f) >= 14:
            f[12:14] = struct.pack("!H", rng.choice([0x0800, 0x0806, 0x86dd, 0x8100, 0x88b5, 0x1234]))
        elif kind == 4 and len(f) >= 24:
            f[23] = rng.choice([1, 6, 17, 47, 132])
        if len(f) < 14:
            f = f + bytes(14 - len(f))
        frames.append(("mutation %d (kind %d)" % (i, kind), 1 + rng.randrange(2), bytes(f), None, len(f)))
    return setup, frames, counters, direct


SCENARIOS = {"forwarding": forwarding_scenario, "arith": arith_scenario, "mirror": mirror_scenario,
             "hashes": hashes_scenario, "keys": keys_scenario, "parse": parse_scenario,
             "loops": loops_scenario, "stacks": stacks_scenario,
             "intstream": intstream_scenario}


def open_ports():
    socks = {}
    for p in PORTS:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        # The kernel takes a received frame's VLAN tag out into metadata; ask for it to put it back.
        s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
        s.bind(("h%d" % p, 0))
        s.setblocking(False)
        socks[p] = s
    return socks


def with_vlan_tag(data, ancillary):
    """The frame with the VLAN tag the kernel stripped reinserted after the MAC addresses (as libpcap does)."""
    for level, kind, aux in ancillary:
        if level == SOL_PACKET and kind == PACKET_AUXDATA and len(aux) >= 20:
            status, _, _, _, _, tci, tpid = struct.unpack("=IIIHHHH", aux[:20])
            if status & TP_STATUS_VLAN_VALID:
                tpid = tpid if status & TP_STATUS_VLAN_TPID_VALID else 0x8100
                return data[:12] + struct.pack("!HH", tpid, tci) + data[12:]
    return data


def drain(socks, quiet=0.25, limit=2.0):
    """Frames arriving until nothing came for `quiet` seconds."""
    got = []
    end = time.time() + limit
    last = time.time()
    while time.time() < end and time.time() - last < quiet:
        ready, _, _ = select.select(list(socks.values()), [], [], 0.05)
        for s in ready:
            port = next(p for p, x in socks.items() if x is s)
            data, ancillary, _, addr = s.recvmsg(65535, socket.CMSG_SPACE(20))
            if addr[2] == PACKET_OUTGOING:
                continue
            data = with_vlan_tag(data, ancillary)
            got.append({"port": port, "data": data.hex()})
            last = time.time()
    return got


def sparse(cells):
    """Counter cells as a list when short, else only the non-zero ones by index."""
    if len(cells) <= 64:
        return cells
    return {str(i): c for i, c in enumerate(cells) if c != [0, 0]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--program", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--p4info", required=True)
    ap.add_argument("--grpc", default="127.0.0.1:9559")
    ap.add_argument("--out", required=True)
    ap.add_argument("--versions", required=True)
    ap.add_argument("--quiet", type=float, default=0.25, help="seconds without output that end a vector")
    args = ap.parse_args()

    if args.program == "intstream":
        setup, frames, counters, direct = intstream_scenario(os.path.dirname(os.path.abspath(__file__)))
    elif args.program == "intstream-mutations":
        setup, frames, counters, direct = intstream_mutations_scenario(os.path.dirname(os.path.abspath(__file__)))
    else:
        setup, frames, counters = SCENARIOS[args.program]()
        direct = []
    info = P4Info(args.p4info)
    client = Client(args.grpc, 1, info)
    client.set_pipeline(args.json)
    entities = [client.table_entry(t) for t in setup["tables"]]
    entities += [client.multicast_group(g["id"], g["replicas"]) for g in setup["multicast_groups"]]
    entities += [client.clone_session(s["id"], s["replicas"]) for s in setup["clone_sessions"]]
    for e in entities:
        client.write(e)

    socks = open_ports()
    drain(socks, quiet=0.5)
    client.packet_ins()
    vectors = []
    for item in frames:
        name, port, frame = item[0], item[1], item[2]
        wire = item[4] if len(item) > 4 else len(frame)
        if port == "cpu":
            client.packet_out(frame, item[3])
        else:
            # A snapped capture is sent padded with zeros to its wire length.
            socks[port].send(frame + bytes(wire - len(frame)))
        outputs = drain(socks, quiet=args.quiet)
        time.sleep(0.05)
        vector = {"name": name, "port": port, "data": frame.hex(), "outputs": outputs,
                  "packet_ins": client.packet_ins()}
        if wire != len(frame):
            vector["wire_length"] = wire
        if port == "cpu":
            vector["packet_out_metadata"] = item[3]
        vectors.append(vector)
    counter_reads = {name: sparse(client.read_counter(name)) for name in counters}
    direct_reads = {table: client.read_direct_counters(table) for table in direct}
    client.close()

    with open(args.json, "rb") as f:
        program_sha256 = hashlib.sha256(f.read()).hexdigest()
    doc = {
        "program": args.program,
        "program_sha256": program_sha256,
        "recorded_with": args.versions,
        "cpu_port": 255,
        "setup": setup,
        "vectors": vectors,
        "counters": counter_reads,
    }
    if direct_reads:
        doc["direct_counters"] = direct_reads
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
