#!/usr/bin/env bash
# Makes the test captures in this folder, and beside each one the fields tshark decodes from it
# (<name>.csv), which PacketDecoderTsharkTest compares with our own decoder.
#
# Traffic runs only between network namespaces that this script creates and removes; every capture is
# bounded in packets and time. The namespaces are linked by TAP devices and a small user-space wire
# (tapwire.py), because the kernel this was made on has neither veth nor 802.1Q support. Two of the links
# are VLAN trunks: every frame crossing them is also written, tagged (VLAN 100; 802.1ad 200 over 802.1Q
# 300), onto the TAP "trunk" in a third namespace, where tcpdump captures the tagged frames.
#
# Needs root and these Debian packages:
#   apt-get install -y tcpdump tshark wireshark-common iproute2 iputils-ping netcat-openbsd python3
# (dumpcap comes with wireshark-common, as do editcap and capinfos). public/ holds captures published by
# others; see public/README.md.
#
# Usage: sudo ./make-pcaps.sh      (rewrites the .pcap/.pcapng/.csv files here)
set -euo pipefail
cd "$(dirname "$0")"

NS_A=intstream-pcap-a
NS_B=intstream-pcap-b
NS_M=intstream-pcap-m
A4=10.77.0.1; B4=10.77.0.2
A6=fd77::1; B6=fd77::2
VLAN_A4=10.77.100.1; VLAN_B4=10.77.100.2
QINQ_A4=10.77.230.1; QINQ_B4=10.77.230.2
WORK=$(mktemp -d)
CAPTURE_PID=
WIRE_PID=

a() { ip netns exec "$NS_A" "$@"; }
b() { ip netns exec "$NS_B" "$@"; }

cleanup() {
    if [ -n "$CAPTURE_PID" ]; then kill "$CAPTURE_PID" 2>/dev/null || true; fi
    if [ -n "$WIRE_PID" ]; then kill "$WIRE_PID" 2>/dev/null || true; wait "$WIRE_PID" 2>/dev/null || true; fi
    for ns in "$NS_A" "$NS_B" "$NS_M"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
        ip netns del "$ns" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

for tool in tcpdump tshark dumpcap editcap capinfos ip ping nc python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: see the install line at the top" >&2; exit 1; }
done

setup() {
    for ns in "$NS_A" "$NS_B" "$NS_M"; do
        ip netns add "$ns"
        ip -n "$ns" link set lo up
    done
    # ta0-tb0: plain link; ta1-tb1: VLAN 100 trunk; ta2-tb2: 802.1ad 200 / 802.1Q 300 trunk.
    python3 tapwire.py 300 "$NS_A:ta0,$NS_B:tb0" "$NS_A:ta1,$NS_B:tb1,$NS_M:trunk:100" \
        "$NS_A:ta2,$NS_B:tb2,$NS_M:trunk:200ad+300" >"$WORK/wire.log" 2>&1 &
    WIRE_PID=$!
    for _ in $(seq 50); do grep -q ready "$WORK/wire.log" && break; sleep 0.1; done
    grep -q ready "$WORK/wire.log" || { cat "$WORK/wire.log" >&2; exit 1; }
    ip -n "$NS_M" link set trunk up
    ip netns exec "$NS_M" sysctl -qw net.ipv6.conf.trunk.disable_ipv6=1
    for i in 1 2; do
        a sysctl -qw "net.ipv6.conf.ta$i.disable_ipv6=1"
        b sysctl -qw "net.ipv6.conf.tb$i.disable_ipv6=1"
    done
    a ip addr add "$A4/24" dev ta0; a ip addr add "$A6/64" dev ta0 nodad
    b ip addr add "$B4/24" dev tb0; b ip addr add "$B6/64" dev tb0 nodad
    a ip addr add "$VLAN_A4/24" dev ta1; b ip addr add "$VLAN_B4/24" dev tb1
    a ip addr add "$QINQ_A4/24" dev ta2; b ip addr add "$QINQ_B4/24" dev tb2
    for i in 0 1 2; do a ip link set "ta$i" up; b ip link set "tb$i" up; done
    sleep 1
}

# start_capture NAMESPACE COMMAND... : runs a capture command in the background.
start_capture() {
    local ns=$1; shift
    ip netns exec "$ns" "$@" >"$WORK/capture.log" 2>&1 &
    CAPTURE_PID=$!
    sleep 1.5
}

stop_capture() {
    sleep 1
    kill -INT "$CAPTURE_PID" 2>/dev/null || true
    wait "$CAPTURE_PID" 2>/dev/null || true
    CAPTURE_PID=
}

# A short TCP exchange from A to B on port $2 of address $1 (3000 bytes out, a reply back).
tcp_exchange() {
    local addr=$1 port=$2
    b timeout 5 sh -c "head -c 700 /dev/zero | nc -N -l $port >/dev/null" &
    local server=$!
    sleep 0.3
    head -c 3000 /dev/zero | a timeout 5 nc -N "$addr" "$port" >/dev/null || true
    wait "$server" || true
}

# One UDP datagram to an open port, one to a closed port (answered by ICMP port unreachable).
udp_exchange() {
    local addr=$1
    b timeout 3 nc -u -l 5300 >/dev/null &
    local server=$!
    sleep 0.3
    echo "datagram for an open port" | a timeout 1 nc -u -w 1 "$addr" 5300 || true
    echo "datagram for a closed port" | a timeout 1 nc -u -w 1 "$addr" 5399 || true
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
}

capture_ipv4() {
    start_capture "$NS_A" tcpdump -i ta0 -U -w "$WORK/ipv4.pcap" 'not ip6'
    a ping -c 3 -i 0.2 "$B4" >/dev/null
    tcp_exchange "$B4" 5001
    udp_exchange "$B4"
    stop_capture
}

capture_ipv6() {
    start_capture "$NS_A" tcpdump -i ta0 -U -w "$WORK/ipv6.pcap" 'ip6'
    a ping -6 -c 3 -i 0.2 "$B6" >/dev/null
    # Joining a multicast group sends MLDv2 reports: ICMPv6 behind a hop-by-hop options header.
    a python3 -c "
import socket, struct, time
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
group = socket.inet_pton(socket.AF_INET6, 'ff02::77') + struct.pack('@I', socket.if_nametoindex('ta0'))
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, group)
time.sleep(0.3)"
    tcp_exchange "$B6" 5002
    udp_exchange "$B6"
    stop_capture
}

capture_fragments() {
    start_capture "$NS_A" tcpdump -i ta0 -U -w "$WORK/fragments.pcap" 'ip or ip6'
    a ping -c 2 -i 0.2 -s 3000 "$B4" >/dev/null
    a ping -6 -c 2 -i 0.2 -s 3000 "$B6" >/dev/null
    stop_capture
}

capture_nano() {
    start_capture "$NS_A" tcpdump -i ta0 -U --time-stamp-precision=nano -w "$WORK/nano.pcap" 'ip or ip6'
    a ping -c 3 -i 0.2 "$B4" >/dev/null
    a ping -6 -c 2 -i 0.2 "$B6" >/dev/null
    stop_capture
}

capture_pcapng() {
    # Two interfaces in one file (the plain link and the untagged side of the VLAN 100 trunk).
    start_capture "$NS_A" dumpcap -q -i ta0 -i ta1 -w "$WORK/dumpcap.pcapng"
    a ping -c 3 -i 0.2 "$VLAN_B4" >/dev/null
    tcp_exchange "$B4" 5003
    stop_capture
}

capture_any() {
    local name=$1; shift
    start_capture "$NS_A" tcpdump -i any -U "$@" -w "$WORK/$name.pcap" 'not arp'
    a ping -c 2 -i 0.2 "$B4" >/dev/null
    a ping -c 2 -i 0.2 127.0.0.1 >/dev/null
    tcp_exchange "$B4" 5004
    stop_capture
}

capture_vlan() {
    start_capture "$NS_M" tcpdump -i trunk -U -w "$WORK/vlan.pcap"
    a ping -c 3 -i 0.2 "$VLAN_B4" >/dev/null
    tcp_exchange "$VLAN_B4" 5005
    a ping -c 3 -i 0.2 "$QINQ_B4" >/dev/null
    tcp_exchange "$QINQ_B4" 5006
    stop_capture
}

capture_snap64() {
    start_capture "$NS_A" tcpdump -i ta0 -U -s 64 -w "$WORK/snap64.pcap" 'ip or ip6'
    tcp_exchange "$B4" 5007
    tcp_exchange "$B6" 5008
    a ping -c 2 -i 0.2 -s 200 "$B4" >/dev/null
    a ping -6 -c 2 -i 0.2 -s 200 "$B6" >/dev/null
    stop_capture
}

# Raw IP (LINKTYPE_RAW): the fragments capture with its 14-byte Ethernet headers cut off.
make_rawip() {
    editcap -F pcap -C 14 -T rawip "$WORK/fragments.pcap" "$WORK/rawip.pcap"
}

# tcpdump writes the host's byte order (little-endian here); big-endian twin by swapping every header
# field of the file and of each record, leaving the packet bytes alone.
make_big_endian() {
    python3 - "$WORK/ipv4.pcap" "$WORK/ipv4-be.pcap" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
magic, major, minor, zone, sigfigs, snap, link = struct.unpack_from('<IHHiIII', data, 0)
assert magic == 0xa1b2c3d4, hex(magic)
out = bytearray(struct.pack('>IHHiIII', magic, major, minor, zone, sigfigs, snap, link))
pos = 24
while pos < len(data):
    sec, frac, incl, orig = struct.unpack_from('<IIII', data, pos)
    out += struct.pack('>IIII', sec, frac, incl, orig)
    out += data[pos + 16:pos + 16 + incl]
    pos += 16 + incl
open(sys.argv[2], 'wb').write(out)
PY
}

# The fields tshark decodes, one row per frame. Reassembly is off so every fragment is shown as
# captured (first fragments with their L4 header, later ones without); repeated fields (inner headers
# of ICMP errors) are joined with '|', the outer header's value first.
export_fields() {
    tshark -r "$1" -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -T fields -E header=y -E separator=, \
        -E occurrence=a -E aggregator='|' \
        -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.packet_flags_direction \
        -e sll.pkttype -e ieee8021ad.id -e vlan.id \
        -e ip.version -e ip.src -e ip.dst -e ip.proto -e ip.ttl -e ip.id -e ip.flags.mf -e ip.frag_offset \
        -e ipv6.src -e ipv6.dst -e ipv6.hlim -e ipv6.nxt -e ipv6.hopopts.nxt -e ipv6.routing.nxt \
        -e ipv6.dstopts.nxt -e ipv6.fraghdr.nxt -e ipv6.fraghdr.offset -e ipv6.fraghdr.more -e ipv6.fraghdr.ident \
        -e tcp.srcport -e tcp.dstport -e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.window_size_value \
        -e tcp.len -e udp.srcport -e udp.dstport -e udp.length \
        -e icmp.type -e icmp.code -e icmpv6.type -e icmpv6.code
}

setup
capture_ipv4
capture_ipv6
capture_fragments
capture_nano
capture_pcapng
capture_any any-sll -y LINUX_SLL
capture_any sll2 -y LINUX_SLL2
capture_vlan
capture_snap64
make_rawip
make_big_endian

for f in ipv4.pcap ipv4-be.pcap ipv6.pcap fragments.pcap nano.pcap dumpcap.pcapng any-sll.pcap sll2.pcap \
         vlan.pcap snap64.pcap rawip.pcap; do
    cp "$WORK/$f" "$f"
    export_fields "$f" > "${f%.*}.csv"
    echo "$f: $(capinfos -c -M "$f" | awk -F': *' '/Number of packets/ {print $2}') packets, $(stat -c %s "$f") bytes"
done
# Published captures: tshark's fields for those it can read (public/README.md says where they are from).
for f in public/*.pcap; do
    if capinfos "$f" >/dev/null 2>&1; then
        export_fields "$f" > "${f%.*}.csv"
    fi
done
