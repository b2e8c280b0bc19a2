#!/usr/bin/python3
"""Writes a small synthetic TCP trace (scapy) whose frames exercise each case of tshark's
retransmission and ack_rtt analysis that the engine must reproduce; check-tshark-semantics.sh
compares tshark's verdict frame by frame. Usage: tcp_semantics_trace.py OUT.pcap"""
import sys

from scapy.all import IP, TCP, Ether, Raw, wrpcap

CLIENT, SERVER, CPORT, SPORT = "10.77.0.1", "10.77.0.2", 40000, 80
ISN_C, ISN_S = 1000, 5000
DATA = b"x" * 100
frames = []
clock = [1000.0]


def send(to_server, flags, seq, ack, data=b"", gap=0.01):
    clock[0] += gap
    src, dst, sport, dport = (CLIENT, SERVER, CPORT, SPORT) if to_server else (SERVER, CLIENT, SPORT, CPORT)
    pkt = Ether() / IP(src=src, dst=dst) / TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack, window=1000)
    if data:
        pkt = pkt / Raw(data)
    pkt.time = round(clock[0], 6)
    frames.append(pkt)


c, s = ISN_C, ISN_S
send(True, "S", c, 0)                          # 1 SYN
send(False, "SA", s, c + 1)                    # 2 SYN-ACK: RTT of the SYN
send(True, "A", c + 1, s + 1)                  # 3 ACK: RTT of the SYN-ACK
send(True, "PA", c + 1, s + 1, DATA)           # 4 segment 1
send(True, "PA", c + 101, s + 1, DATA)         # 5 segment 2 (to be "lost")
send(True, "PA", c + 201, s + 1, DATA)         # 6 segment 3
send(False, "A", s + 1, c + 101)               # 7 ACK of segment 1
send(False, "A", s + 1, c + 101, gap=0.001)    # 8 duplicate ACK
send(False, "A", s + 1, c + 101, gap=0.001)    # 9 duplicate ACK
send(True, "PA", c + 101, s + 1, DATA, 0.001)  # 10 fast retransmission of segment 2
send(False, "A", s + 1, c + 301)               # 11 cumulative ACK: RTT from segment 3 (frame 6)
send(True, "PA", c + 201, s + 1, DATA, 0.5)    # 12 spurious retransmission (already acked)
send(True, "PA", c + 301, s + 1, DATA)         # 13 segment 4
send(True, "PA", c + 301, s + 1, DATA, 0.3)    # 14 timeout retransmission of segment 4
send(False, "A", s + 1, c + 401)               # 15 ACK: RTT from the original (frame 13)
send(True, "PA", c + 401, s + 1, DATA)         # 16 segment 5
send(False, "A", s + 1, c + 501, gap=0.0)      # 17 ACK at the same microsecond: no ack_rtt
send(True, "PA", c + 501, s + 1, DATA)         # 18 segment 6
send(True, "PA", c + 601, s + 1, DATA)         # 19 segment 7
send(False, "A", s + 1, c + 701)               # 20 ACK of both: one RTT sample, from frame 19
send(True, "PA", c + 501, s + 1, DATA, 0.001)  # 21 already acked and soon after: spurious, not out-of-order
send(True, "PA", c + 701, s + 1, DATA)         # 22 segment 8
send(True, "PA", c + 801, s + 1, DATA, 0.001)  # 23 segment 9
send(True, "PA", c + 701, s + 1, DATA, 0.001)  # 24 segment 8 again within the initial RTT: out-of-order
send(True, "S", c + 7777, 0, gap=0.05)         # 25 SYN with a new ISN on the same ports
wrpcap(sys.argv[1], frames)
