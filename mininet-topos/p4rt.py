# SPDX-License-Identifier: GPL-3.0-or-later
"""A small P4Runtime client that programs a BMv2 switch for the Mininet topologies.

It becomes primary on the switch's stream, pushes intstream.p4 (BMv2 JSON + P4Info), and writes table
entries, multicast groups and clone sessions named as in the P4Info. The stream stays open until
close(): while it is open this client is the primary, and the IntStream controller takes over simply by
arbitrating with a higher election id (the switch keeps its entries).
"""

import queue
import threading

import grpc
from google.protobuf import text_format
from google.rpc import status_pb2
from p4.config.v1 import p4info_pb2
from p4.v1 import p4runtime_pb2, p4runtime_pb2_grpc

ARBITRATION_TIMEOUT_S = 10.0
RPC_TIMEOUT_S = 30.0


class P4RuntimeError(Exception):
    pass


def load_p4info(path):
    info = p4info_pb2.P4Info()
    with open(path) as f:
        text_format.Merge(f.read(), info)
    return info


def mac_bytes(mac):
    parts = mac.split(":")
    if len(parts) != 6:
        raise ValueError("not a MAC address: %r" % mac)
    return bytes(int(p, 16) for p in parts)


def ipv4_bytes(ip):
    parts = ip.split(".")
    if len(parts) != 4 or not all(p.isdigit() and int(p) < 256 for p in parts):
        raise ValueError("not an IPv4 address: %r" % ip)
    return bytes(int(p) for p in parts)


def encode(value, bitwidth, what):
    """A value as P4Runtime bytes, padded to the field's width: ints, MAC and IPv4 strings."""
    width = (bitwidth + 7) // 8
    if isinstance(value, str):
        raw = mac_bytes(value) if ":" in value else ipv4_bytes(value)
        if len(raw) != width:
            raise ValueError("%s: %r has %d bytes, the field has %d bits" % (what, value, len(raw), bitwidth))
        return raw
    if not isinstance(value, int) or value < 0 or value >= (1 << bitwidth):
        raise ValueError("%s: %r does not fit in %d bits" % (what, value, bitwidth))
    return value.to_bytes(width, "big")


class P4Info:
    """Looks tables, match fields, actions and parameters up by name (full or alias)."""

    def __init__(self, info):
        self.info = info
        self.tables = {}
        for t in info.tables:
            self.tables[t.preamble.name] = t
            self.tables.setdefault(t.preamble.alias, t)
        self.actions = {}
        for a in info.actions:
            self.actions[a.preamble.name] = a
            self.actions.setdefault(a.preamble.alias, a)

    def table(self, name):
        try:
            return self.tables[name]
        except KeyError:
            raise ValueError("no table %r in the P4Info" % name) from None

    def action(self, name):
        try:
            return self.actions[name]
        except KeyError:
            raise ValueError("no action %r in the P4Info" % name) from None

    def table_entry(self, table, match=None, action="NoAction", params=None, priority=0):
        """A TableEntry. match: {field: value} (exact), {field: (value, prefix_len)} (lpm) or
        {field: (value, mask)} (ternary); params: {name: value}."""
        t = self.table(table)
        entry = p4runtime_pb2.TableEntry(table_id=t.preamble.id, priority=priority)
        fields = {f.name: f for f in t.match_fields}
        for name, value in (match or {}).items():
            if name not in fields:
                raise ValueError("table %s has no match field %r (it has %s)" % (table, name, sorted(fields)))
            f = fields[name]
            what = "%s.%s" % (table, name)
            m = entry.match.add(field_id=f.id)
            if f.match_type == p4info_pb2.MatchField.EXACT:
                m.exact.value = encode(value, f.bitwidth, what)
            elif f.match_type == p4info_pb2.MatchField.LPM:
                v, prefix = value
                m.lpm.value = encode(v, f.bitwidth, what)
                m.lpm.prefix_len = prefix
            elif f.match_type == p4info_pb2.MatchField.TERNARY:
                v, mask = value
                m.ternary.value = encode(v, f.bitwidth, what)
                m.ternary.mask = encode(mask, f.bitwidth, what + " mask")
            else:
                raise ValueError("%s: match type %d is not supported here" % (what, f.match_type))
        a = self.action(action)
        allowed = {ref.id for ref in t.action_refs}
        if a.preamble.id not in allowed:
            raise ValueError("action %s is not an action of table %s" % (action, table))
        entry.action.action.action_id = a.preamble.id
        declared = {p.name: p for p in a.params}
        given = dict(params or {})
        if set(given) != set(declared):
            raise ValueError("action %s takes %s, got %s" % (action, sorted(declared), sorted(given)))
        for p in a.params:
            entry.action.action.params.add(param_id=p.id,
                                           value=encode(given[p.name], p.bitwidth, "%s(%s)" % (action, p.name)))
        return entry


def describe_rpc_error(e):
    """The gRPC error with the per-update P4Runtime errors BMv2 puts in the status details."""
    text = "%s: %s" % (e.code().name, e.details())
    for key, value in (e.trailing_metadata() or ()):
        if key == "grpc-status-details-bin":
            status = status_pb2.Status()
            status.ParseFromString(value)
            for i, detail in enumerate(status.details):
                err = p4runtime_pb2.Error()
                if detail.Unpack(err) and err.canonical_code != 0:
                    text += "\n  update %d: %s" % (i, err.message)
    return text


class SwitchConnection:
    """One switch: a channel, an open stream channel in which this client is primary, and writes."""

    def __init__(self, name, address, device_id, election_id=1):
        self.name = name
        self.address = address
        self.device_id = device_id
        self.election_id = p4runtime_pb2.Uint128(high=0, low=election_id)
        self.channel = grpc.insecure_channel(address)
        self.stub = p4runtime_pb2_grpc.P4RuntimeStub(self.channel)
        self.requests = queue.Queue()
        self.responses = queue.Queue()
        self.stream = None
        self.reader = None

    def _request_iterator(self):
        while True:
            request = self.requests.get()
            if request is None:
                return
            yield request

    def _read_stream(self):
        try:
            for response in self.stream:
                self.responses.put(response)
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.CANCELLED:
                self.responses.put(e)

    def become_primary(self):
        self.stream = self.stub.StreamChannel(self._request_iterator())
        self.reader = threading.Thread(target=self._read_stream, name="p4rt-" + self.name, daemon=True)
        self.reader.start()
        request = p4runtime_pb2.StreamMessageRequest()
        request.arbitration.device_id = self.device_id
        request.arbitration.election_id.CopyFrom(self.election_id)
        self.requests.put(request)
        while True:
            try:
                response = self.responses.get(timeout=ARBITRATION_TIMEOUT_S)
            except queue.Empty:
                raise P4RuntimeError("%s (%s): no arbitration answer within %.0f s"
                                     % (self.name, self.address, ARBITRATION_TIMEOUT_S)) from None
            if isinstance(response, grpc.RpcError):
                raise P4RuntimeError("%s (%s): stream failed: %s"
                                     % (self.name, self.address, describe_rpc_error(response)))
            if response.HasField("arbitration"):
                if response.arbitration.status.code != 0:
                    raise P4RuntimeError("%s: not primary (another client holds a higher election id): %s"
                                         % (self.name, response.arbitration.status.message))
                return

    def set_pipeline(self, p4info, device_json_path):
        with open(device_json_path, "rb") as f:
            device_config = f.read()
        request = p4runtime_pb2.SetForwardingPipelineConfigRequest(
            device_id=self.device_id,
            action=p4runtime_pb2.SetForwardingPipelineConfigRequest.VERIFY_AND_COMMIT)
        request.election_id.CopyFrom(self.election_id)
        request.config.p4info.CopyFrom(p4info)
        request.config.p4_device_config = device_config
        try:
            self.stub.SetForwardingPipelineConfig(request, timeout=RPC_TIMEOUT_S)
        except grpc.RpcError as e:
            raise P4RuntimeError("%s: SetForwardingPipelineConfig failed: %s"
                                 % (self.name, describe_rpc_error(e))) from None

    def insert(self, entities):
        """Inserts the entities (p4runtime_pb2.Entity) in one write; an error names every failed update."""
        if not entities:
            return
        request = p4runtime_pb2.WriteRequest(device_id=self.device_id)
        request.election_id.CopyFrom(self.election_id)
        for entity in entities:
            request.updates.add(type=p4runtime_pb2.Update.INSERT, entity=entity)
        try:
            self.stub.Write(request, timeout=RPC_TIMEOUT_S)
        except grpc.RpcError as e:
            raise P4RuntimeError("%s: write of %d entities failed: %s"
                                 % (self.name, len(entities), describe_rpc_error(e))) from None

    def table_packets(self, p4info, table):
        """Packets counted by the direct counter of every entry of the table, summed."""
        request = p4runtime_pb2.ReadRequest(device_id=self.device_id)
        entry = request.entities.add().table_entry
        entry.table_id = p4info.table(table).preamble.id
        entry.counter_data.SetInParent()
        total = 0
        try:
            for response in self.stub.Read(request, timeout=RPC_TIMEOUT_S):
                for entity in response.entities:
                    total += entity.table_entry.counter_data.packet_count
        except grpc.RpcError as e:
            raise P4RuntimeError("%s: read of %s failed: %s" % (self.name, table, describe_rpc_error(e))) from None
        return total

    def close(self):
        self.requests.put(None)
        if self.stream is not None:
            self.stream.cancel()
        self.channel.close()


def table_entity(entry):
    return p4runtime_pb2.Entity(table_entry=entry)


def multicast_group_entity(group_id, ports):
    entity = p4runtime_pb2.Entity()
    group = entity.packet_replication_engine_entry.multicast_group_entry
    group.multicast_group_id = group_id
    for port in ports:
        group.replicas.add(egress_port=port, instance=0)
    return entity


def clone_session_entity(session_id, port):
    entity = p4runtime_pb2.Entity()
    session = entity.packet_replication_engine_entry.clone_session_entry
    session.session_id = session_id
    session.replicas.add(egress_port=port, instance=0)
    return entity
