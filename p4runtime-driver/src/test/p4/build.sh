#!/bin/sh
# Rebuilds the test program's BMv2 JSON and P4Info into src/test/resources/p4/ (needs p4c; see /opt/p4/env.sh).
# The outputs are committed so the tests run where p4c is not installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/p4"
mkdir -p "$out"
p4c-bm2-ss --arch v1model --p4runtime-files "$out/driver_test.p4info.txt" -o "$out/driver_test.json" \
    "$here/driver_test.p4"
p4c-bm2-ss --version 2>&1 | grep -i version > "$out/p4c-version.txt"
