# SPDX-License-Identifier: GPL-3.0-or-later
"""A Mininet switch that is a BMv2 simple_switch_grpc process.

The switch starts without a P4 program (--no-p4): the P4Runtime programmer pushes intstream.p4's JSON and
P4Info with SetForwardingPipelineConfig, exactly as the IntStream controller or ONOS would. Each switch
serves gRPC and Thrift on its own loopback ports and keeps its BMv2 notification socket in the run
directory, so several topologies (or other BMv2 users) can run side by side.
"""

import os
import socket
import subprocess
import time

from mininet.log import error, info
from mininet.node import Switch

CPU_PORT = 255
DEFAULT_BINARY = os.path.join(os.environ.get("P4_PREFIX", "/opt/p4"), "bin", "simple_switch_grpc")
START_TIMEOUT_S = 15.0


def port_is_open(port, host="127.0.0.1"):
    """True when something accepts TCP connections on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


class Bmv2Switch(Switch):
    """One simple_switch_grpc per Mininet switch, in the root namespace, bound to the switch's veths."""

    def __init__(self, name, device_id=None, grpc_port=None, thrift_port=None, run_dir="build/run",
                 log_level="warn", pcap=False, binary=DEFAULT_BINARY, **params):
        if device_id is None or grpc_port is None or thrift_port is None:
            raise ValueError("switch %s: device_id, grpc_port and thrift_port are required" % name)
        Switch.__init__(self, name, **params)
        self.device_id = int(device_id)
        self.grpc_port = int(grpc_port)
        self.thrift_port = int(thrift_port)
        self.run_dir = os.path.abspath(run_dir)
        self.log_level = log_level
        self.pcap = pcap
        self.binary = binary
        self.process = None
        self.log_path = os.path.join(self.run_dir, name + ".log")
        self.pid_path = os.path.join(self.run_dir, name + ".pid")

    def grpc_address(self):
        return "127.0.0.1:%d" % self.grpc_port

    def data_ports(self):
        """(port number, interface name) of every data-plane interface, loopback excluded."""
        return sorted((self.ports[intf], intf.name) for intf in self.intfList() if intf.name != "lo")

    def command(self):
        cmd = [self.binary, "--no-p4", "--device-id", str(self.device_id),
               "--thrift-port", str(self.thrift_port),
               # The default socket, /tmp/bmv2-<device id>-notifications.ipc, clashes between switches of
               # the same device id started by different users of the machine.
               "--notifications-addr", "ipc://%s/%s-notifications.ipc" % (self.run_dir, self.name),
               "--log-console", "-L", self.log_level]
        for port, intf in self.data_ports():
            if port == CPU_PORT:
                raise ValueError("switch %s: port %d is the CPU port" % (self.name, CPU_PORT))
            cmd += ["-i", "%d@%s" % (port, intf)]
        if self.pcap:
            cmd += ["--pcap", self.run_dir]
        cmd += ["--", "--grpc-server-addr", self.grpc_address(), "--cpu-port", str(CPU_PORT)]
        return cmd

    def start(self, controllers):
        os.makedirs(self.run_dir, exist_ok=True)
        for port in (self.grpc_port, self.thrift_port):
            if port_is_open(port):
                raise RuntimeError("switch %s: 127.0.0.1:%d is already in use (another topology running? "
                                   "try 'make clean')" % (self.name, port))
        # Host-facing veths in the root namespace would otherwise send IPv6 router solicitations and
        # MLD reports into the switch; only the hosts' traffic should reach it.
        # Offloads off so BMv2 reads real frames, not TSO super-frames with partial checksums.
        for _, intf in self.data_ports():
            subprocess.call(["sysctl", "-q", "-w", "net.ipv6.conf.%s.disable_ipv6=1" % intf],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.call(["ethtool", "-K", intf, "rx", "off", "tx", "off", "sg", "off", "tso", "off",
                             "gso", "off", "gro", "off"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cmd = self.command()
        with open(self.log_path, "w") as log:
            log.write("=== %s\n" % " ".join(cmd))
            log.flush()
            self.process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        with open(self.pid_path, "w") as f:
            f.write("%d\n" % self.process.pid)
        deadline = time.time() + START_TIMEOUT_S
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("switch %s: simple_switch_grpc exited with %d; see %s"
                                   % (self.name, self.process.returncode, self.log_path))
            if port_is_open(self.grpc_port):
                info("%s (device %d, gRPC %s) " % (self.name, self.device_id, self.grpc_address()))
                return
            time.sleep(0.1)
        self.stop_process()
        raise RuntimeError("switch %s: gRPC %s not open within %.0f s; see %s"
                           % (self.name, self.grpc_address(), START_TIMEOUT_S, self.log_path))

    def stop_process(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                error("%s: simple_switch_grpc ignored SIGTERM, killing it\n" % self.name)
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        if os.path.exists(self.pid_path):
            os.remove(self.pid_path)

    def stop(self, deleteIntfs=True):
        self.stop_process()
        Switch.stop(self, deleteIntfs)

    def connected(self):
        """Mininet asks this when it waits for switches; a BMv2 switch needs no OpenFlow controller."""
        return self.process is not None and self.process.poll() is None
