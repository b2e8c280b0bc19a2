#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small campus: 2 core and 3 access BMv2 switches running intstream.p4, every access switch
dual-homed to both cores, HOSTS_PER_ACCESS hosts per access switch in its own IPv4 subnet.

    c1: port 1 -> a1, port 2 -> a2, port 3 -> a3          (no core-to-core link)
    c2: port 1 -> a1, port 2 -> a2, port 3 -> a3
    ai: ports 1..n -> hosts hi1..hin, port n+1 -> c1, port n+2 -> c2
    hij: 10.0.i.j/24, MAC 00:00:00:00:0i:0j, gateway 10.0.i.254 (the MAC of ai, 02:00:00:00:00:0<2+i>)

Why the redundant links cannot loop: every switch-to-switch link is routed, never bridged. An access
switch is its hosts' gateway (my_station on its router MAC, a permanent ARP entry on the hosts for the
gateway address); it bridges only among its own host ports, so its flood group holds host ports only and
the cores have no flood group at all. A broadcast therefore never crosses a switch link, and the
triangles a_i - c1 - a_j - c2 carry only routed unicast whose TTL the program decrements.

Routes are static and symmetric: traffic between the subnets of ai and aj crosses core c1 when i + j is
even and c2 when it is odd, so both cores carry traffic and each pair of subnets sees one path in both
directions (what an observation point on an edge switch needs). Failover is the controller's business.

  make -C mininet-topos campus        Mininet CLI
  make -C mininet-topos campus-check  pingall, ping and iperf3 h11 -> h32, then stop
"""

import sys

from mininet.topo import Topo

import forwarding
import runner

CORES = 2
ACCESS = 3
HOSTS_PER_ACCESS = 2
# Below the kernel's ephemeral range (32768-60999), so no client connection can hold a switch's port.
GRPC_BASE = 20101
THRIFT_BASE = 9191


def router_mac(device_index):
    """Locally administered MACs for the switches' router addresses."""
    return "02:00:00:00:00:%02x" % device_index


def subnet(i):
    return "10.0.%d" % i


def prefix(cidr):
    """The routing_v4 match of a subnet written a.b.c.d/n."""
    address, length = cidr.split("/")
    return {"ipv4_dst": (address, int(length))}


class CampusTopo(Topo):

    def build(self, cores=CORES, access=ACCESS, hosts_per_access=HOSTS_PER_ACCESS):
        core_names = []
        for c in range(1, cores + 1):
            core_names.append(self.addSwitch("c%d" % c, router_mac=router_mac(c)))
        for a in range(1, access + 1):
            gateway_mac = router_mac(cores + a)
            sw = self.addSwitch("a%d" % a, router_mac=gateway_mac, subnet="%s.0/24" % subnet(a))
            for k in range(1, hosts_per_access + 1):
                h = self.addHost("h%d%d" % (a, k), ip="%s.%d/24" % (subnet(a), k),
                                 mac="00:00:00:00:%02x:%02x" % (a, k),
                                 gateway="%s.254" % subnet(a), gateway_mac=gateway_mac,
                                 defaultRoute="via %s.254" % subnet(a))
                self.addLink(sw, h, port1=k)
            for c, core in enumerate(core_names):
                self.addLink(sw, core, port1=hosts_per_access + 1 + c, port2=a)


def core_for(i, j, cores):
    """The core that carries traffic between the i-th and j-th access switches, the same both ways."""
    return cores[(i + j) % len(cores)]


def routing(desc):
    """Access switches (those with a subnet): bridge their hosts, route to them by /32 and to other
    subnets through a core. Cores: route each subnet to its access switch."""
    switches = forwarding.switches_by_name(desc)
    access = [sw["name"] for sw in desc["switches"] if sw["subnet"]]
    cores = [sw["name"] for sw in desc["switches"] if not sw["subnet"]]
    if not cores:
        raise ValueError("campus: no core switch (a switch without a subnet)")
    programs = []
    for sw in desc["switches"]:
        name = sw["name"]
        mac = sw["routerMac"]
        program = forwarding.base_program(desc, sw)
        program.add(forwarding.MY_STATION, {"dst_addr": mac}, "NoAction")
        port_to = {p["peer"]: p["port"] for p in sw["ports"]}
        if name in access:
            i = access.index(name)
            forwarding.add_flooding(program, sw["hostPorts"])
            for h in desc["hosts"]:
                if h["switch"] != name:
                    continue
                program.add(forwarding.L2_EXACT, {"dst_addr": h["mac"]},
                            "IntStreamIngress.forwarding.set_egress_port_l2_exact", {"port_num": h["port"]})
                program.add(forwarding.ROUTING_V4, {"ipv4_dst": (h["ip"], 32)},
                            "IntStreamIngress.forwarding.set_next_hop_routing_v4",
                            {"port_num": h["port"], "router_mac": mac, "next_hop_mac": h["mac"]})
            for j, other in enumerate(access):
                if other == name:
                    continue
                core = core_for(i, j, cores)
                program.add(forwarding.ROUTING_V4, prefix(switches[other]["subnet"]),
                            "IntStreamIngress.forwarding.set_next_hop_routing_v4",
                            {"port_num": port_to[core], "router_mac": mac,
                             "next_hop_mac": switches[core]["routerMac"]})
        else:
            for other in access:
                program.add(forwarding.ROUTING_V4, prefix(switches[other]["subnet"]),
                            "IntStreamIngress.forwarding.set_next_hop_routing_v4",
                            {"port_num": port_to[other], "router_mac": mac,
                             "next_hop_mac": switches[other]["routerMac"]})
        programs.append(program)
    return programs


if __name__ == "__main__":
    topo = CampusTopo()
    hosts = topo.hosts(sort=True)
    sys.exit(runner.main("campus", topo, routing, (hosts[0], hosts[-1]),
                         GRPC_BASE, THRIFT_BASE))
