# Routed topologies on top of lib/netns.sh: routers are namespaces that forward IPv4, each with an
# optional LAN (a bridge "lan0" holding the router's own address, host veths plugged into it), and
# point-to-point links (one veth pair) between routers. Packets crossing a router keep their IP
# header except TTL and checksum, so the same packet can be recognised on several links.
#
# Usage (after `source lib/netns.sh`):
#   source "$(dirname "$0")/../lib/routed.sh"
#   router_new core                         # namespace is-<pid>-core, forwarding on
#   router_lan core 10.81.5.1/24            # bridge lan0 with the router's LAN address
#   router_host core o1 10.81.5.11/24       # host o1 on core's LAN, default route via core
#   p2p_link rc up0 10.81.2.1/30 core linkc 10.81.2.2/30
#   netns_exec core ip route add 10.81.1.0/24 via 10.81.2.1

router_new() {
  netns_new "$1"
  netns_exec "$1" sysctl -qw net.ipv4.ip_forward=1
}

# router_lan ROUTER ADDR/PREFIX: the router's LAN bridge, STP off, no multicast snooping.
router_lan() {
  local ns; ns="$(netns_name "$1")"
  ip -n "$ns" link add lan0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  ip -n "$ns" addr add "$2" dev lan0
  ip -n "$ns" link set lan0 up
  offloads_off "$ns" lan0
}

# router_host ROUTER NAME ADDR/PREFIX: a host namespace whose eth0 is plugged into ROUTER's LAN
# (port "h-NAME"), with a default route via the router's LAN address.
router_host() {
  local router="$1" name="$2" addr="$3"
  netns_new "$name"
  local rns ns port gw
  rns="$(netns_name "$router")"; ns="$(netns_name "$name")"; port="h-$name"
  ip -n "$rns" link add "$port" type veth peer name eth0 netns "$ns"
  ip -n "$rns" link set "$port" master lan0
  offloads_off "$rns" "$port"
  offloads_off "$ns" eth0
  ip -n "$ns" addr add "$addr" dev eth0
  ip -n "$rns" link set "$port" up
  ip -n "$ns" link set eth0 up
  gw="$(ip -n "$rns" -4 -o addr show dev lan0 | awk '{ split($4, a, "/"); print a[1]; exit }')"
  ip -n "$ns" route add default via "$gw"
}

# p2p_link A DEV_A ADDR_A B DEV_B ADDR_B: a veth pair between two router namespaces.
p2p_link() {
  local a b
  a="$(netns_name "$1")"; b="$(netns_name "$4")"
  ip -n "$a" link add "$2" type veth peer name "$5" netns "$b"
  offloads_off "$a" "$2"
  offloads_off "$b" "$5"
  ip -n "$a" addr add "$3" dev "$2"
  ip -n "$b" addr add "$6" dev "$5"
  ip -n "$a" link set "$2" up
  ip -n "$b" link set "$5" up
}
