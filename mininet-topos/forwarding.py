# SPDX-License-Identifier: GPL-3.0-or-later
"""What each switch of a topology gets written, worked out from the netcfg description.

A SwitchProgram lists table entries by P4Info name (IntStreamIngress.forwarding.*, edge_ports), multicast
groups and clone sessions; p4rt.py turns it into P4Runtime writes. Bridging here is for loop-free L2
networks: a flood group holds every port of the switch and the program prunes the ingress port, which
only terminates on a tree.
"""

from collections import deque

FLOOD_GROUP_ID = 1
BROADCAST_MAC = "ff:ff:ff:ff:ff:ff"

L2_EXACT = "IntStreamIngress.forwarding.l2_exact"
L2_TERNARY = "IntStreamIngress.forwarding.l2_ternary"
MY_STATION = "IntStreamIngress.forwarding.my_station"
ROUTING_V4 = "IntStreamIngress.forwarding.routing_v4"
EDGE_PORTS = "IntStreamIngress.edge_ports.edge_ports"


class SwitchProgram:
    def __init__(self, switch):
        self.switch = switch
        self.entries = []
        self.multicast_groups = {}
        self.clone_sessions = {}

    def add(self, table, match, action, params=None, priority=0):
        self.entries.append({"table": table, "match": match, "action": action,
                             "params": params or {}, "priority": priority})


def switches_by_name(desc):
    return {sw["name"]: sw for sw in desc["switches"]}


def base_program(desc, sw):
    """Every switch: host-facing ports marked as edge ports, and the report clone session to the CPU."""
    program = SwitchProgram(sw["name"])
    for port in sw["hostPorts"]:
        program.add(EDGE_PORTS, {"ingress_port": port}, "IntStreamIngress.edge_ports.mark_edge")
    program.clone_sessions[desc["reportCloneSession"]] = desc["cpuPort"]
    return program


def add_flooding(program, ports):
    """Broadcast frames go to the flood group (the program drops the copy for the ingress port)."""
    program.multicast_groups[FLOOD_GROUP_ID] = sorted(ports)
    program.add(L2_TERNARY, {"dst_addr": (BROADCAST_MAC, BROADCAST_MAC)},
                "IntStreamIngress.forwarding.set_multicast_group", {"gid": FLOOD_GROUP_ID}, priority=10)


def ports_towards(desc, start):
    """For each switch reachable from start over switch links, the port of start on a shortest path."""
    by_name = switches_by_name(desc)
    first_port = {start: None}
    todo = deque([start])
    while todo:
        name = todo.popleft()
        for p in by_name[name]["ports"]:
            peer = p["peer"]
            if peer in by_name and peer not in first_port:
                first_port[peer] = p["port"] if name == start else first_port[name]
                todo.append(peer)
    return first_port


def check_tree(desc):
    """Refuses L2 bridging over a switch graph with a cycle: flooding would loop forever."""
    switch_names = set(switches_by_name(desc))
    links = set()
    for sw in desc["switches"]:
        for p in sw["ports"]:
            if p["peer"] in switch_names:
                links.add(tuple(sorted(((sw["name"], p["port"]), (p["peer"], p["peerPort"])))))
    reached = ports_towards(desc, desc["switches"][0]["name"])
    if len(reached) != len(switch_names):
        raise ValueError("switches %s are not connected to %s"
                         % (sorted(switch_names - set(reached)), desc["switches"][0]["name"]))
    if len(links) != len(switch_names) - 1:
        raise ValueError("L2 bridging needs a tree of switches: %d switches, %d switch links"
                         % (len(switch_names), len(links)))


def l2_bridging(desc):
    """One L2 domain over a tree of switches: every switch knows every host's MAC."""
    check_tree(desc)
    programs = []
    for sw in desc["switches"]:
        program = base_program(desc, sw)
        add_flooding(program, [p["port"] for p in sw["ports"]])
        towards = ports_towards(desc, sw["name"])
        for h in desc["hosts"]:
            port = h["port"] if h["switch"] == sw["name"] else towards[h["switch"]]
            program.add(L2_EXACT, {"dst_addr": h["mac"]},
                        "IntStreamIngress.forwarding.set_egress_port_l2_exact", {"port_num": port})
        programs.append(program)
    return programs
