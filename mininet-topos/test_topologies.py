# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of what the topologies write, without root or a running network:
  . /opt/p4/env.sh && /usr/bin/python3 -m unittest -v test_topologies   (make -C mininet-topos unit)
"""

import importlib.util
import os
import unittest

from mininet.topo import Topo

import forwarding
import netcfg
import p4rt
import runner

HERE = os.path.dirname(os.path.abspath(__file__))


def load_topology_module(name):
    spec = importlib.util.spec_from_file_location("topo_" + name, os.path.join(HERE, "topo-%s.py" % name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def describe(topo, name):
    netcfg.assign_endpoints(topo, 20001, 9091)
    return netcfg.describe(topo, name, runner.PIPELINE)


def entries_of(program, table):
    return [e for e in program.entries if e["table"] == table]


def p4info():
    return p4rt.P4Info(p4rt.load_p4info(os.path.join(runner.REPO, runner.PIPELINE["p4info"])))


class TreeTest(unittest.TestCase):

    def setUp(self):
        self.module = load_topology_module("tree")
        self.desc = describe(self.module.IntStreamTreeTopo(), "tree")
        self.programs = {p.switch: p for p in forwarding.l2_bridging(self.desc)}

    def test_shape_is_treetopo_depth_2_fanout_3(self):
        self.assertEqual(["s1", "s2", "s3", "s4"], [sw["name"] for sw in self.desc["switches"]])
        self.assertEqual(9, len(self.desc["hosts"]))
        self.assertEqual([], self.desc["switches"][0]["hostPorts"])
        for sw in self.desc["switches"][1:]:
            self.assertEqual([1, 2, 3], sw["hostPorts"])
            self.assertEqual({"port": 4, "interface": sw["name"] + "-eth4", "peer": "s1",
                              "peerPort": int(sw["name"][1:]) - 1}, sw["ports"][3])

    def test_every_switch_reaches_every_host_on_its_path(self):
        def port_for(switch, mac):
            for e in entries_of(self.programs[switch], forwarding.L2_EXACT):
                if e["match"]["dst_addr"] == mac:
                    return e["params"]["port_num"]
            self.fail("%s has no entry for %s" % (switch, mac))
        h1, h9 = "00:00:00:00:00:01", "00:00:00:00:00:09"
        self.assertEqual(1, port_for("s1", h1))
        self.assertEqual(3, port_for("s1", h9))
        self.assertEqual(1, port_for("s2", h1))
        self.assertEqual(4, port_for("s2", h9))
        self.assertEqual(3, port_for("s4", h9))
        for program in self.programs.values():
            self.assertEqual(9, len(entries_of(program, forwarding.L2_EXACT)))

    def test_flood_group_holds_every_port_and_edge_ports_are_host_ports(self):
        self.assertEqual({1: [1, 2, 3]}, self.programs["s1"].multicast_groups)
        self.assertEqual({1: [1, 2, 3, 4]}, self.programs["s2"].multicast_groups)
        self.assertEqual([], entries_of(self.programs["s1"], forwarding.EDGE_PORTS))
        self.assertEqual([1, 2, 3], [e["match"]["ingress_port"]
                                     for e in entries_of(self.programs["s3"], forwarding.EDGE_PORTS)])
        self.assertEqual({99: 255}, self.programs["s3"].clone_sessions)

    def test_bridging_refuses_a_cycle(self):
        class Ring(Topo):
            def build(self):
                a, b, c = self.addSwitch("s1"), self.addSwitch("s2"), self.addSwitch("s3")
                self.addLink(a, b)
                self.addLink(b, c)
                self.addLink(c, a)
                self.addHost("h1", ip="10.0.0.1/24", mac="00:00:00:00:00:01")
                self.addLink("h1", a)
        with self.assertRaisesRegex(ValueError, "tree of switches: 3 switches, 3 switch links"):
            forwarding.l2_bridging(describe(Ring(), "ring"))

    def test_entries_encode_against_the_p4info(self):
        info = p4info()
        for program in self.programs.values():
            for e in program.entries:
                info.table_entry(e["table"], e["match"], e["action"], e["params"], e["priority"])


class CampusTest(unittest.TestCase):

    def setUp(self):
        self.module = load_topology_module("campus")
        self.desc = describe(self.module.CampusTopo(), "campus")
        self.switches = forwarding.switches_by_name(self.desc)
        self.programs = {p.switch: p for p in self.module.routing(self.desc)}

    def route(self, switch, cidr):
        address, length = cidr.split("/")
        for e in entries_of(self.programs[switch], forwarding.ROUTING_V4):
            if e["match"]["ipv4_dst"] == (address, int(length)):
                return e["params"]
        self.fail("%s has no route to %s" % (switch, cidr))

    def test_paths_between_subnets_are_symmetric_and_use_both_cores(self):
        def core_between(a, subnet):
            params = self.route(a, subnet)
            peer = [p["peer"] for p in self.switches[a]["ports"] if p["port"] == params["port_num"]][0]
            self.assertEqual(self.switches[peer]["routerMac"], params["next_hop_mac"])
            return peer
        self.assertEqual("c1", core_between("a1", "10.0.3.0/24"))
        self.assertEqual("c1", core_between("a3", "10.0.1.0/24"))
        self.assertEqual("c2", core_between("a1", "10.0.2.0/24"))
        self.assertEqual("c2", core_between("a2", "10.0.1.0/24"))

    def test_cores_route_each_subnet_to_its_access_switch(self):
        for core in ("c1", "c2"):
            for i in (1, 2, 3):
                params = self.route(core, "10.0.%d.0/24" % i)
                self.assertEqual(i, params["port_num"])
                self.assertEqual(self.switches["a%d" % i]["routerMac"], params["next_hop_mac"])
                self.assertEqual(self.switches[core]["routerMac"], params["router_mac"])

    def test_access_switch_delivers_to_local_hosts_by_host_route(self):
        params = self.route("a2", "10.0.2.2/32")
        self.assertEqual({"port_num": 2, "router_mac": "02:00:00:00:00:04", "next_hop_mac": "00:00:00:00:02:02"},
                         params)

    def test_no_broadcast_crosses_a_switch_link(self):
        for name, program in self.programs.items():
            host_ports = self.switches[name]["hostPorts"]
            for ports in program.multicast_groups.values():
                self.assertTrue(set(ports) <= set(host_ports), "%s floods to %s" % (name, ports))
        self.assertEqual({}, self.programs["c1"].multicast_groups)
        self.assertEqual([], entries_of(self.programs["c1"], forwarding.L2_TERNARY))

    def test_hosts_know_their_gateway(self):
        h = [h for h in self.desc["hosts"] if h["name"] == "h31"][0]
        self.assertEqual(("10.0.3.254", "02:00:00:00:00:05", "a3"), (h["gateway"], h["gatewayMac"], h["switch"]))

    def test_entries_encode_against_the_p4info(self):
        info = p4info()
        for program in self.programs.values():
            for e in program.entries:
                info.table_entry(e["table"], e["match"], e["action"], e["params"], e["priority"])


class EncodingTest(unittest.TestCase):

    def test_values_are_padded_to_the_field_width(self):
        self.assertEqual(b"\x00\x05", p4rt.encode(5, 9, "port"))
        self.assertEqual(b"\x0a\x00\x01\x02", p4rt.encode("10.0.1.2", 32, "ip"))
        self.assertEqual(bytes.fromhex("020000000003"), p4rt.encode("02:00:00:00:00:03", 48, "mac"))

    def test_bad_values_are_named(self):
        with self.assertRaisesRegex(ValueError, "port_num.*512 does not fit in 9 bits"):
            p4rt.encode(512, 9, "set_egress_port_l2_exact(port_num)")
        with self.assertRaisesRegex(ValueError, "not an IPv4 address: '10.0.1'"):
            p4rt.encode("10.0.1", 32, "ip")

    def test_unknown_names_are_refused(self):
        info = p4info()
        with self.assertRaisesRegex(ValueError, "no table 'l2_exactt'"):
            info.table_entry("l2_exactt", {}, "NoAction")
        with self.assertRaisesRegex(ValueError, "has no match field 'dst'"):
            info.table_entry(forwarding.L2_EXACT, {"dst": "00:00:00:00:00:01"},
                             "IntStreamIngress.forwarding.set_egress_port_l2_exact", {"port_num": 1})
        with self.assertRaisesRegex(ValueError, "takes \\['port_num'\\], got \\[\\]"):
            info.table_entry(forwarding.L2_EXACT, {"dst_addr": "00:00:00:00:00:01"},
                             "IntStreamIngress.forwarding.set_egress_port_l2_exact")


if __name__ == "__main__":
    unittest.main()
