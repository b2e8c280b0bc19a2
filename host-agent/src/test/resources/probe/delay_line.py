#!/usr/bin/env python3
"""A fixed delay for every packet routed through a TUN device: what `tc qdisc ... netem delay` does, for
kernels built without netem. Run inside a network namespace: `delay_line.py DEVICE MILLIS`. It creates the
TUN device, prints "ready", and from then on writes every packet it reads from the device back into it
MILLIS later, in order. The namespace's policy routes send forwarded traffic out through the device and
take what comes back in by its real routes. Ends when its standard input closes."""
import fcntl
import os
import select
import struct
import sys
import time
from collections import deque

TUNSETIFF = 0x400454ca
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def main():
    name, delay = sys.argv[1], float(sys.argv[2]) / 1000.0
    tun = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(tun, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    print("ready", flush=True)
    waiting = deque()
    stdin = sys.stdin.fileno()
    while True:
        now = time.monotonic()
        while waiting and waiting[0][0] <= now:
            os.write(tun, waiting.popleft()[1])
        timeout = max(0.0, waiting[0][0] - now) if waiting else 1.0
        readable, _, _ = select.select([tun, stdin], [], [], timeout)
        if stdin in readable and not os.read(stdin, 1024):
            return
        if tun in readable:
            waiting.append((time.monotonic() + delay, os.read(tun, 65536)))


if __name__ == "__main__":
    main()
