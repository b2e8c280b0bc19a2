#!/bin/sh
# Records the golden vectors of one test program from real BMv2:
#   sudo ./record.sh forwarding   (or arith, mirror, hashes, keys, parse, loops; intstream and
#   intstream-mutations run p4src/build/intstream.json)
# QUIET=0.1 shortens the wait for the last output of each frame (seconds); LOG=1 makes the switch log
# every packet to /tmp/ssw-golden-PROGRAM.log.
# Creates network namespace ssw-golden with veth pairs sw1..4 <-> h1..4, runs simple_switch_grpc on
# sw1..4 with its gRPC server on the namespace's own 127.0.0.1, runs record_golden.py there, and removes
# the namespace (and with it the switch and the veths) at the end. No traffic leaves the namespace.
set -eu
PROGRAM=$1
HERE=$(cd "$(dirname "$0")" && pwd)
RES=$HERE/../resources
NS=ssw-golden
# The project's program lives in p4src/build; the test programs beside this module's tests.
if [ "$PROGRAM" = intstream ] || [ "$PROGRAM" = intstream-mutations ]; then
    JSON=$HERE/../../../../p4src/build/intstream.json; P4INFO=$HERE/../../../../p4src/build/intstream.p4info.txt
else
    JSON=$RES/p4/$PROGRAM.json; P4INFO=$RES/p4/$PROGRAM.p4info.txt
fi
. /opt/p4/env.sh

cleanup() {
    if [ -n "${SWITCH_PID:-}" ]; then kill "$SWITCH_PID" 2>/dev/null || true; wait "$SWITCH_PID" 2>/dev/null || true; fi
    ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT

ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
ip netns exec "$NS" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for i in 1 2 3 4; do
    ip netns exec "$NS" ip link add "sw$i" type veth peer name "h$i"
    ip netns exec "$NS" ip link set "sw$i" up
    ip netns exec "$NS" ip link set "h$i" up
done

ip netns exec "$NS" simple_switch_grpc ${LOG:+--log-console} --no-p4 --device-id 1 -i 1@sw1 -i 2@sw2 -i 3@sw3 -i 4@sw4 \
    -- --grpc-server-addr 127.0.0.1:9559 --cpu-port 255 >"/tmp/ssw-golden-$PROGRAM.log" 2>&1 &
SWITCH_PID=$!
sleep 2

VERSIONS="p4c $(p4c --version | head -1 | sed 's/^p4c //'); BMv2 simple_switch_grpc $(simple_switch_grpc --version 2>&1 | head -1) (tag 1.15.5, commit 693e69e6); PI f96af95e"
ip netns exec "$NS" env PYTHONPATH="$HERE:${PYTHONPATH:-}" /usr/bin/python3 "$HERE/record_golden.py" ${QUIET:+--quiet "$QUIET"} \
    --program "$PROGRAM" --json "$JSON" --p4info "$P4INFO" \
    --out "$RES/golden/$PROGRAM.json" --versions "$VERSIONS"
echo "wrote $RES/golden/$PROGRAM.json"
