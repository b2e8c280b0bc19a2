#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
r"""The end-host seed's tree: Mininet's TreeTopo(depth=2, fanout=3), 4 BMv2 switches and 9 hosts in one
IPv4 subnet, bridged by intstream.p4's L2 tables.

      s1            s1 ports 1-3 -> s2, s3, s4 (their port 4)
   /   |   \
  s2   s3   s4      ports 1-3 -> hosts
 /|\  /|\  /|\
h1-h3 h4-h6 h7-h9   10.0.0.N/24, MAC 00:00:00:00:00:0N

  make -C mininet-topos tree        Mininet CLI
  make -C mininet-topos tree-check  pingall, ping and iperf3 h1 -> h9, then stop
"""

import sys

from mininet.topolib import TreeTopo

import forwarding
import runner

DEPTH = 2
FANOUT = 3
# Below the kernel's ephemeral range (32768-60999), so no client connection can hold a switch's port.
GRPC_BASE = 20001
THRIFT_BASE = 9091


class IntStreamTreeTopo(TreeTopo):
    """TreeTopo's shape and names, with each host's address fixed so the netcfg is known before start."""

    def build(self, depth=DEPTH, fanout=FANOUT):
        TreeTopo.build(self, depth=depth, fanout=fanout)
        for h in self.hosts(sort=False):
            n = int(h[1:])
            self.nodeInfo(h).update(ip="10.0.0.%d/24" % n, mac="00:00:00:00:00:%02x" % n)


if __name__ == "__main__":
    topo = IntStreamTreeTopo()
    hosts = topo.hosts(sort=True)
    sys.exit(runner.main("tree", topo, forwarding.l2_bridging, (hosts[0], hosts[-1]), GRPC_BASE, THRIFT_BASE))
