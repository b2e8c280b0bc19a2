#!/usr/bin/env bash
# Installs what the Mininet topologies need from Debian 12 and checks for the P4 toolchain, which Debian
# does not package (BMv2 simple_switch_grpc and the P4Runtime python bindings, built under /opt/p4).
#   mininet-topos/setup.sh
set -euo pipefail

# mininet: Mininet 2.3.0 and mnexec; without its recommended Open vSwitch, which BMv2 switches do not need.
# python3-grpcio, python3-protobuf: the P4Runtime programmer (under /usr/bin/python3).
# iperf3, iputils-ping: the checks' traffic. ethtool, iproute2, procps: offloads, links, sysctl.
packages=(mininet python3-grpcio python3-protobuf iperf3 iputils-ping ethtool iproute2 procps make)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "mininet-topos setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

P4_ENV=${P4_ENV:-/opt/p4/env.sh}
if [ ! -r "$P4_ENV" ]; then
  echo "mininet-topos setup: $P4_ENV not found: build p4c, BMv2 (simple_switch_grpc) and PI there first" >&2
  exit 1
fi
# shellcheck disable=SC1090
. "$P4_ENV"
command -v simple_switch_grpc >/dev/null \
  || { echo "mininet-topos setup: simple_switch_grpc is not on PATH after $P4_ENV" >&2; exit 1; }
/usr/bin/python3 -c 'import mininet.net, grpc, google.rpc.status_pb2, p4.v1.p4runtime_pb2, p4.config.v1.p4info_pb2' \
  || { echo "mininet-topos setup: /usr/bin/python3 lacks a module above (PYTHONPATH=$PYTHONPATH)" >&2; exit 1; }
echo "mininet-topos setup: ready; try 'make -C mininet-topos tree-check'" >&2
