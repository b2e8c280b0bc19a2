# SPDX-License-Identifier: GPL-3.0-or-later
"""The description of a topology that the controller reads: switches with their P4Runtime endpoints and
ports, hosts with their addresses and attachment points. Made from the Mininet Topo alone (no root, no
running network), so `make netcfg` can refresh the committed netcfg-*.json and a running topology writes
the same thing to build/<topology>.json. README.md documents the format.
"""

import json

CPU_PORT = 255
REPORT_CLONE_SESSION_ID = 99
FORMAT_VERSION = 1


def assign_endpoints(topo, grpc_base, thrift_base):
    """Device ids 1, 2, ... and consecutive loopback ports, in the order the switches were added."""
    for i, name in enumerate(topo.switches(sort=False)):
        topo.nodeInfo(name).update(device_id=i + 1, grpc_port=grpc_base + i, thrift_port=thrift_base + i)


def _split_ip(ip_with_prefix, host):
    if "/" not in ip_with_prefix:
        raise ValueError("host %s: ip %r has no prefix length" % (host, ip_with_prefix))
    ip, prefix = ip_with_prefix.split("/")
    return ip, int(prefix)


def describe(topo, name, pipeline):
    """The netcfg dictionary of topo; pipeline: {"json": path, "p4info": path}."""
    switches = []
    for sw in topo.switches(sort=False):
        opts = topo.nodeInfo(sw)
        ports = []
        host_ports = []
        for port, (peer, peer_port) in sorted(topo.ports.get(sw, {}).items()):
            ports.append({"port": port, "interface": "%s-eth%d" % (sw, port), "peer": peer, "peerPort": peer_port})
            if not topo.isSwitch(peer):
                host_ports.append(port)
        switches.append({
            "name": sw,
            "deviceId": opts["device_id"],
            "grpcAddress": "127.0.0.1:%d" % opts["grpc_port"],
            "thriftPort": opts["thrift_port"],
            "routerMac": opts.get("router_mac"),
            "subnet": opts.get("subnet"),
            "hostPorts": host_ports,
            "ports": ports,
        })
    hosts = []
    for h in topo.hosts(sort=False):
        opts = topo.nodeInfo(h)
        attachments = list(topo.ports.get(h, {}).items())
        if len(attachments) != 1:
            raise ValueError("host %s must have exactly one link, has %d" % (h, len(attachments)))
        _, (sw, sw_port) = attachments[0]
        ip, prefix = _split_ip(opts["ip"], h)
        hosts.append({
            "name": h,
            "mac": opts["mac"],
            "ip": ip,
            "prefixLen": prefix,
            "gateway": opts.get("gateway"),
            "gatewayMac": opts.get("gateway_mac"),
            "switch": sw,
            "port": sw_port,
        })
    return {
        "version": FORMAT_VERSION,
        "topology": name,
        "pipeline": dict(pipeline),
        "cpuPort": CPU_PORT,
        "reportCloneSession": REPORT_CLONE_SESSION_ID,
        "switches": switches,
        "hosts": hosts,
    }


def write(desc, path):
    with open(path, "w") as f:
        json.dump(desc, f, indent=2)
        f.write("\n")
