# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts a topology of BMv2 switches running intstream.p4, programs it over P4Runtime, and then opens
the Mininet CLI, waits for a signal (--headless) or runs the traffic check (--check). Whatever happens,
the switches are stopped and the links deleted before it returns.
"""

import argparse
import functools
import json
import os
import re
import signal
import sys
import time

from mininet.cli import CLI
from mininet.log import error, info, setLogLevel
from mininet.net import Mininet

import forwarding
import netcfg
from bmv2 import Bmv2Switch, port_is_open

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PIPELINE = {"json": "p4src/build/intstream.json", "p4info": "p4src/build/intstream.p4info.txt"}
BUILD_DIR = os.path.join(HERE, "build")


def parse_args(name, grpc_base, thrift_base, argv):
    parser = argparse.ArgumentParser(prog="topo-%s.py" % name,
                                     description="The %s topology on BMv2 running intstream.p4." % name)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="pingall, ping and iperf3 between far hosts, then stop; exit 1 on any loss")
    mode.add_argument("--headless", action="store_true", help="no CLI; run until SIGINT or SIGTERM")
    mode.add_argument("--netcfg-only", metavar="PATH",
                      help="write the topology's netcfg JSON to PATH and exit (no network is started)")
    parser.add_argument("--grpc-base", type=int, default=grpc_base, help="gRPC port of the first switch")
    parser.add_argument("--thrift-base", type=int, default=thrift_base, help="Thrift port of the first switch")
    parser.add_argument("--no-program", action="store_true",
                        help="push no pipeline and no entries; leave the switches to a controller")
    parser.add_argument("--election-id", type=int, default=1,
                        help="P4Runtime election id of this programmer (a controller takes over with a higher one)")
    parser.add_argument("--log-level", default="warn", choices=["trace", "debug", "info", "warn", "error", "off"],
                        help="BMv2 log level (logs in build/run/<topology>/<switch>.log)")
    parser.add_argument("--pcap", action="store_true", help="BMv2 writes a pcap per port into the run directory")
    parser.add_argument("--iperf-seconds", type=int, default=3, help="length of the --check iperf3 run")
    return parser.parse_args(argv)


class Stop(Exception):
    """SIGTERM or SIGHUP: unwind through the clean-up."""


def _raise_stop(signum, _frame):
    raise Stop("signal %d" % signum)


def install(conn, p4info, program):
    import p4rt
    entities = [p4rt.table_entity(p4info.table_entry(e["table"], e["match"], e["action"], e["params"],
                                                     e["priority"]))
                for e in program.entries]
    entities += [p4rt.multicast_group_entity(gid, ports) for gid, ports in sorted(program.multicast_groups.items())]
    entities += [p4rt.clone_session_entity(sid, port) for sid, port in sorted(program.clone_sessions.items())]
    conn.insert(entities)
    return len(entities)


def program_switches(desc, programs, election_id):
    """Connects to every switch as primary, pushes the pipeline and writes the programs; returns the open
    connections and the P4Info helper. The streams stay open while the network runs: this programmer
    stays primary until a controller arbitrates with a higher election id."""
    # Imported here: --netcfg-only runs without the P4Runtime bindings that /opt/p4/env.sh provides.
    import p4rt
    p4info_proto = p4rt.load_p4info(os.path.join(REPO, desc["pipeline"]["p4info"]))
    p4info = p4rt.P4Info(p4info_proto)
    by_switch = {p.switch: p for p in programs}
    conns = []
    try:
        for sw in desc["switches"]:
            conn = p4rt.SwitchConnection(sw["name"], sw["grpcAddress"], sw["deviceId"], election_id)
            conns.append(conn)
            conn.become_primary()
            conn.set_pipeline(p4info_proto, os.path.join(REPO, desc["pipeline"]["json"]))
            count = install(conn, p4info, by_switch[sw["name"]])
            info("%s: pipeline and %d entities\n" % (sw["name"], count))
    except BaseException:
        for conn in conns:
            conn.close()
        raise
    return conns, p4info


def preflight(desc):
    """Refuses to start over a running copy: building the links would delete its interfaces."""
    for sw in desc["switches"]:
        grpc_port = int(sw["grpcAddress"].rsplit(":", 1)[1])
        for port in (grpc_port, sw["thriftPort"]):
            if port_is_open(port):
                raise RuntimeError("127.0.0.1:%d (switch %s) is in use: is the topology already running? "
                                   "If not, 'make clean' or move the ports with --grpc-base/--thrift-base"
                                   % (port, sw["name"]))
        for p in sw["ports"]:
            if os.path.exists("/sys/class/net/" + p["interface"]):
                raise RuntimeError("interface %s exists: is the topology already running? If not, 'make clean'"
                                   % p["interface"])


def configure_hosts(net, desc):
    """Offloads off (BMv2 forwards what the veth hands it: no TSO super-frames, no partial checksums),
    no IPv6 chatter, and a permanent ARP entry for the gateway (the switches do not answer ARP)."""
    for h in desc["hosts"]:
        host = net.get(h["name"])
        intf = host.defaultIntf().name
        host.cmd("sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1")
        host.cmd("ethtool -K %s rx off tx off sg off tso off gso off gro off >/dev/null 2>&1" % intf)
        if h["gateway"]:
            host.cmd("ip neigh replace %s lladdr %s dev %s nud permanent" % (h["gateway"], h["gatewayMac"], intf))


def ping_loss(output):
    m = re.search(r"(\d+(?:\.\d+)?)% packet loss", output)
    return float(m.group(1)) if m else 100.0


def check_switch_counters(conns, p4info):
    """Every switch must have forwarded packets by its L2 or routing entries: proof that the traffic
    crossed the BMv2 pipelines, not some other path."""
    ok = True
    counts = []
    for conn in conns:
        l2 = conn.table_packets(p4info, forwarding.L2_EXACT)
        routed = conn.table_packets(p4info, forwarding.ROUTING_V4)
        counts.append("%s %d bridged/%d routed" % (conn.name, l2, routed))
        if l2 + routed == 0:
            error("check: %s forwarded no packet\n" % conn.name)
            ok = False
    info("check: packets per switch: %s\n" % ", ".join(counts))
    return ok


def run_check(net, far, iperf_seconds, conns, p4info):
    """pingall, then ping and a bounded iperf3 between the two far hosts, then every switch's forwarding
    counters; True when all passed."""
    ok = True
    loss = net.pingAll(timeout="1")
    if loss != 0:
        error("check: pingall lost %.1f%%\n" % loss)
        ok = False
    a, b = net.get(*far)
    out = a.cmd("ping -c 10 -i 0.2 -W 2 %s" % b.IP())
    loss = ping_loss(out)
    info("check: ping %s -> %s: %.0f%% loss, %s\n"
         % (a.name, b.name, loss, (re.findall(r"rtt [^\n]*", out) or ["no rtt"])[0]))
    if loss != 0:
        ok = False
    server = b.popen(["iperf3", "-s", "-1", "-p", "5201"])
    try:
        deadline = time.time() + 5
        while time.time() < deadline and "5201" not in b.cmd("ss -ltn"):
            time.sleep(0.1)
        out = a.cmd("timeout %d iperf3 -c %s -p 5201 -t %d -J" % (iperf_seconds + 15, b.IP(), iperf_seconds))
        try:
            result = json.loads(out)
            bps = result["end"]["sum_received"]["bits_per_second"]
            received = result["end"]["sum_received"]["bytes"]
        except (ValueError, KeyError):
            error("check: iperf3 %s -> %s failed:\n%s\n" % (a.name, b.name, out.strip()[-2000:]))
            return False
        info("check: iperf3 %s -> %s: %d bytes in %d s, %.2f Mbit/s\n"
             % (a.name, b.name, received, iperf_seconds, bps / 1e6))
        if received <= 0:
            ok = False
    finally:
        if server.poll() is None:
            server.terminate()
        server.wait()
    if conns:
        ok = check_switch_counters(conns, p4info) and ok
    return ok


def main(name, topo, programs_of, far, grpc_base, thrift_base, argv=None):
    """name: topology name; topo: a Mininet Topo with host ip/mac set; programs_of(desc): SwitchPrograms;
    far: two host names for the check."""
    args = parse_args(name, grpc_base, thrift_base, sys.argv[1:] if argv is None else argv)
    netcfg.assign_endpoints(topo, args.grpc_base, args.thrift_base)
    desc = netcfg.describe(topo, name, PIPELINE)
    programs = programs_of(desc)
    if args.netcfg_only:
        netcfg.write(desc, args.netcfg_only)
        return 0
    if os.geteuid() != 0:
        print("topo-%s.py: Mininet needs root" % name, file=sys.stderr)
        return 2

    setLogLevel("info")
    try:
        preflight(desc)
    except RuntimeError as e:
        error("*** %s: %s\n" % (name, e))
        return 1

    run_dir = os.path.join(BUILD_DIR, "run", name)
    os.makedirs(run_dir, exist_ok=True)
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGHUP, _raise_stop)
    switch = functools.partial(Bmv2Switch, run_dir=run_dir, log_level=args.log_level, pcap=args.pcap)
    net = Mininet(topo=topo, switch=switch, controller=None, autoSetMacs=False, autoStaticArp=False, build=False)
    conns, p4info = [], None
    status = 1
    try:
        # The description lets a clean-up find this network's switches and links even after a crash.
        netcfg.write(desc, os.path.join(BUILD_DIR, name + ".json"))
        net.build()
        net.start()
        configure_hosts(net, desc)
        if not args.no_program:
            conns, p4info = program_switches(desc, programs, args.election_id)
        info("*** %s: %d switches, %d hosts; netcfg in %s\n"
             % (name, len(desc["switches"]), len(desc["hosts"]), os.path.join(BUILD_DIR, name + ".json")))
        if args.check:
            ok = run_check(net, far, args.iperf_seconds, conns, p4info)
            info("*** %s check %s\n" % (name, "PASSED" if ok else "FAILED"))
            status = 0 if ok else 1
        elif args.headless:
            info("*** running until SIGINT or SIGTERM\n")
            while True:
                time.sleep(3600)
        else:
            CLI(net)
            status = 0
    except (KeyboardInterrupt, Stop):
        status = 0 if not args.check else 1
    except Exception as e:
        error("*** %s: %s\n" % (name, e))
        status = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for conn in conns:
            conn.close()
        net.stop()
    return status
