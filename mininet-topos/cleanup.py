#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Removes what a crashed or killed topology left behind: its simple_switch_grpc processes (from their
pid files in build/run/<topology>/) and its switch-side veths (from build/<topology>.json; deleting
one end of a veth deletes the pair). It touches nothing it cannot trace to that topology, unlike `mn -c`,
which deletes every interface that looks like Mininet's and kills every Mininet shell on the machine.
Hosts need nothing: their shells exit when the topology's process dies, and their namespaces with them.

  cleanup.py tree campus
"""

import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD_DIR = os.path.join(HERE, "build")


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def stop_switches(run_dir):
    """SIGTERM, then SIGKILL, to each switch whose pid file is in run_dir and whose command line shows
    it is one of ours (a recycled pid belongs to somebody else)."""
    if not os.path.isdir(run_dir):
        return
    for name in sorted(os.listdir(run_dir)):
        if not name.endswith(".pid"):
            continue
        path = os.path.join(run_dir, name)
        with open(path) as f:
            text = f.read().strip()
        if not text.isdigit():
            print("cleanup: %s does not hold a pid, ignored" % path, file=sys.stderr)
            continue
        pid = int(text)
        line = cmdline(pid)
        if "simple_switch_grpc" in line and run_dir in line:
            print("cleanup: stopping %s (pid %d)" % (name[:-4], pid))
            os.kill(pid, signal.SIGTERM)
            for _ in range(50):
                if not cmdline(pid):
                    break
                time.sleep(0.1)
            else:
                os.kill(pid, signal.SIGKILL)
        os.remove(path)


def delete_links(netcfg_path):
    if not os.path.exists(netcfg_path):
        return
    with open(netcfg_path) as f:
        desc = json.load(f)
    for sw in desc["switches"]:
        for p in sw["ports"]:
            intf = p["interface"]
            if subprocess.call(["ip", "link", "show", intf], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL) == 0:
                print("cleanup: deleting %s" % intf)
                subprocess.call(["ip", "link", "delete", intf])


def main(topologies):
    if not topologies:
        print("usage: cleanup.py TOPOLOGY...", file=sys.stderr)
        return 2
    for name in topologies:
        stop_switches(os.path.join(BUILD_DIR, "run", name))
        delete_links(os.path.join(BUILD_DIR, name + ".json"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
