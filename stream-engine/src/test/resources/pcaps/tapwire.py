#!/usr/bin/env python3
"""Links network namespaces with TAP devices and a user-space wire, for kernels without veth or VLAN support.

Each link opens one TAP device in each of two namespaces and copies every Ethernet frame from one to the
other. A link may also be a VLAN trunk: every frame that crosses it is written, with its tag stack
pushed, onto a monitor TAP, where a capture sees the trunk's tagged frames.

  tapwire.py SECONDS LINK...
  LINK = NS_A:TAP_A,NS_B:TAP_B[,NS_M:TAP_M:TAGS]   TAGS = 200ad+300 (outer first; 'ad' = 802.1ad, else 802.1Q)

The wire stops after SECONDS, on SIGTERM or SIGINT; its TAP devices disappear with it.
"""
import ctypes
import fcntl
import os
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000
ETH_P_8021Q = 0x8100
ETH_P_8021AD = 0x88A8

libc = ctypes.CDLL(None, use_errno=True)


def enter_namespace(name):
    fd = os.open('/run/netns/' + name, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), 'setns ' + name)
    finally:
        os.close(fd)


def open_tap(namespace, name):
    enter_namespace(namespace)
    fd = os.open('/dev/net/tun', os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH', name.encode(), IFF_TAP | IFF_NO_PI))
    return fd


def parse_tags(text):
    tags = b''
    for tag in text.split('+'):
        tpid = ETH_P_8021AD if tag.endswith('ad') else ETH_P_8021Q
        tags += struct.pack('!HH', tpid, int(tag.rstrip('ad')) & 0x0FFF)
    return tags


def main():
    seconds = float(sys.argv[1])
    peers = {}      # fd -> (peer fd, monitor fd or None, tag bytes)
    monitors = {}   # (namespace, tap) -> fd, so trunks can share one monitor
    for spec in sys.argv[2:]:
        parts = spec.split(',')
        ns_a, tap_a = parts[0].split(':')
        ns_b, tap_b = parts[1].split(':')
        fd_a, fd_b = open_tap(ns_a, tap_a), open_tap(ns_b, tap_b)
        monitor, tags = None, b''
        if len(parts) > 2:
            ns_m, tap_m, tag_text = parts[2].split(':')
            if (ns_m, tap_m) not in monitors:
                monitors[(ns_m, tap_m)] = open_tap(ns_m, tap_m)
            monitor, tags = monitors[(ns_m, tap_m)], parse_tags(tag_text)
        peers[fd_a] = (fd_b, monitor, tags)
        peers[fd_b] = (fd_a, monitor, tags)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print('ready', flush=True)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select(list(peers), [], [], 0.2)
        for fd in ready:
            frame = os.read(fd, 65536)
            peer, monitor, tags = peers[fd]
            try:
                if monitor is not None:
                    os.write(monitor, frame[:12] + tags + frame[12:])
                os.write(peer, frame)
            except OSError:
                pass  # a TAP that is still down drops the frame, as a cable to a down port would


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
