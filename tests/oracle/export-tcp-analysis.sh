#!/usr/bin/env bash
# export-tcp-analysis.sh: per frame, what tshark's TCP analysis says (retransmission flag, ack_rtt in
# seconds, the frame an ACK acknowledges), for the captures with TCP traffic; the engine's TCP analysis is
# compared with these frame by frame (TcpAnalysisTsharkTest). Run from the repository root.
set -euo pipefail
out=tests/src/test/resources/tcp-analysis
mkdir -p "$out"
for t in iperf-loss iperf-clean web-loops slowloris busy-server ssh-brute hping-flood-rst nmap-connect-slow; do
  tshark -r "tests/src/test/resources/traces/$t.pcap" -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE \
    -o tcp.analyze_sequence_numbers:TRUE -o tcp.fastrt_supersedes_ooo:TRUE \
    -T fields -E header=y -E separator=, -e frame.number -e tcp.analysis.retransmission \
    -e tcp.analysis.ack_rtt -e tcp.analysis.acks_frame > "$out/$t.csv" 2>/dev/null
done
tshark -r stream-engine/src/test/resources/tcp/tcp-semantics.pcap -n -o tcp.analyze_sequence_numbers:TRUE \
  -o tcp.fastrt_supersedes_ooo:TRUE -T fields -E header=y -E separator=, -e frame.number \
  -e tcp.analysis.retransmission -e tcp.analysis.ack_rtt -e tcp.analysis.acks_frame \
  > stream-engine/src/test/resources/tcp/tcp-semantics.csv 2>/dev/null
