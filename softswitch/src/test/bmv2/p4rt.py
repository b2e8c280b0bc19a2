"""A small P4Runtime client for recording golden vectors from simple_switch_grpc.

Values are sent in canonical (shortest) byte form; P4Info is read with unknown fields allowed.
"""
import queue
import threading

import grpc
from google.protobuf import text_format
from p4.config.v1 import p4info_pb2
from p4.v1 import p4runtime_pb2, p4runtime_pb2_grpc


def canonical(value, width):
    """The shortest big-endian bytes of an unsigned value (at least one byte)."""
    if value < 0 or value >= (1 << width):
        raise ValueError("%d does not fit in %d bits" % (value, width))
    n = max(1, (value.bit_length() + 7) // 8)
    return value.to_bytes(n, "big")


class P4Info:
    def __init__(self, path):
        self.info = p4info_pb2.P4Info()
        with open(path) as f:
            text_format.Parse(f.read(), self.info, allow_unknown_field=True)

    def table(self, name):
        for t in self.info.tables:
            if t.preamble.name == name:
                return t
        raise KeyError("no table " + name)

    def action(self, name):
        for a in self.info.actions:
            if a.preamble.name == name:
                return a
        raise KeyError("no action " + name)

    def counter(self, name):
        for c in self.info.counters:
            if c.preamble.name == name:
                return c
        raise KeyError("no counter " + name)

    def controller_header(self, name):
        for h in self.info.controller_packet_metadata:
            if h.preamble.name == name:
                return h
        raise KeyError("no controller header " + name)


class Client:
    def __init__(self, address, device_id, p4info):
        self.channel = grpc.insecure_channel(address)
        grpc.channel_ready_future(self.channel).result(timeout=10)
        self.stub = p4runtime_pb2_grpc.P4RuntimeStub(self.channel)
        self.device_id = device_id
        self.p4info = p4info
        self.requests = queue.Queue()
        self.responses = queue.Queue()
        self.election_id = p4runtime_pb2.Uint128(high=0, low=1)
        self.stream = self.stub.StreamChannel(iter(self.requests.get, None))
        threading.Thread(target=self._drain, daemon=True).start()
        req = p4runtime_pb2.StreamMessageRequest()
        req.arbitration.device_id = device_id
        req.arbitration.election_id.CopyFrom(self.election_id)
        self.requests.put(req)
        resp = self.responses.get(timeout=10)
        if not resp.HasField("arbitration") or resp.arbitration.status.code != 0:
            raise RuntimeError("not primary: %s" % resp)

    def _drain(self):
        try:
            for r in self.stream:
                self.responses.put(r)
        except grpc.RpcError:
            pass

    def set_pipeline(self, json_path):
        req = p4runtime_pb2.SetForwardingPipelineConfigRequest()
        req.device_id = self.device_id
        req.election_id.CopyFrom(self.election_id)
        req.action = p4runtime_pb2.SetForwardingPipelineConfigRequest.VERIFY_AND_COMMIT
        req.config.p4info.CopyFrom(self.p4info.info)
        with open(json_path, "rb") as f:
            req.config.p4_device_config = f.read()
        self.stub.SetForwardingPipelineConfig(req)

    def write(self, *entities):
        req = p4runtime_pb2.WriteRequest()
        req.device_id = self.device_id
        req.election_id.CopyFrom(self.election_id)
        for e in entities:
            u = req.updates.add()
            u.type = p4runtime_pb2.Update.INSERT
            u.entity.CopyFrom(e)
        self.stub.Write(req)

    def table_entry(self, spec):
        """An Entity from the neutral setup form used in the golden files."""
        t = self.p4info.table(spec["table"])
        e = p4runtime_pb2.Entity()
        te = e.table_entry
        te.table_id = t.preamble.id
        for mf, m in zip(t.match_fields, spec["match"]):
            kind, args = next(iter(m.items()))
            if kind == "wildcard":
                continue
            fm = te.match.add()
            fm.field_id = mf.id
            if kind == "exact":
                fm.exact.value = canonical(int(args, 16), mf.bitwidth)
            elif kind == "lpm":
                fm.lpm.value = canonical(int(args[0], 16), mf.bitwidth)
                fm.lpm.prefix_len = args[1]
            elif kind == "ternary":
                fm.ternary.value = canonical(int(args[0], 16), mf.bitwidth)
                fm.ternary.mask = canonical(int(args[1], 16), mf.bitwidth)
            elif kind == "optional":
                fm.optional.value = canonical(int(args, 16), mf.bitwidth)
            elif kind == "range":
                fm.range.low = canonical(int(args[0], 16), mf.bitwidth)
                fm.range.high = canonical(int(args[1], 16), mf.bitwidth)
            else:
                raise ValueError(kind)
        if spec.get("priority"):
            te.priority = spec["priority"]
        a = self.p4info.action(spec["action"])
        te.action.action.action_id = a.preamble.id
        for p, v in zip(a.params, spec.get("params", [])):
            ap = te.action.action.params.add()
            ap.param_id = p.id
            ap.value = canonical(int(v, 16), p.bitwidth)
        return e

    def multicast_group(self, gid, replicas):
        e = p4runtime_pb2.Entity()
        g = e.packet_replication_engine_entry.multicast_group_entry
        g.multicast_group_id = gid
        for port, rid in replicas:
            r = g.replicas.add()
            r.egress_port = port
            r.instance = rid
        return e

    def clone_session(self, sid, replicas):
        e = p4runtime_pb2.Entity()
        s = e.packet_replication_engine_entry.clone_session_entry
        s.session_id = sid
        for port, rid in replicas:
            r = s.replicas.add()
            r.egress_port = port
            r.instance = rid
        return e

    def packet_out(self, payload, metadata):
        header = self.p4info.controller_header("packet_out")
        req = p4runtime_pb2.StreamMessageRequest()
        req.packet.payload = payload
        for m in header.metadata:
            if m.name in metadata:
                md = req.packet.metadata.add()
                md.metadata_id = m.id
                md.value = canonical(metadata[m.name], m.bitwidth)
        self.requests.put(req)

    def packet_ins(self):
        """Packet-ins received so far, as {"metadata": {name: value}, "payload": hex}."""
        try:
            header = {m.id: m.name for m in self.p4info.controller_header("packet_in").metadata}
        except KeyError:
            header = {}
        out = []
        while True:
            try:
                r = self.responses.get_nowait()
            except queue.Empty:
                return out
            if r.HasField("packet"):
                out.append({
                    "metadata": {header.get(m.metadata_id, str(m.metadata_id)): m.value.hex() for m in r.packet.metadata},
                    "payload": r.packet.payload.hex(),
                })

    def read_counter(self, name):
        c = self.p4info.counter(name)
        req = p4runtime_pb2.ReadRequest()
        req.device_id = self.device_id
        req.entities.add().counter_entry.counter_id = c.preamble.id
        cells = {}
        for resp in self.stub.Read(req):
            for e in resp.entities:
                ce = e.counter_entry
                cells[ce.index.index] = [ce.data.packet_count, ce.data.byte_count]
        return [cells.get(i, [0, 0]) for i in range(c.size)]

    def read_direct_counters(self, table_name):
        """The direct counter of every entry of a table, as {"priority", "packets", "bytes"}."""
        req = p4runtime_pb2.ReadRequest()
        req.device_id = self.device_id
        req.entities.add().direct_counter_entry.table_entry.table_id = self.p4info.table(table_name).preamble.id
        out = []
        for resp in self.stub.Read(req):
            for e in resp.entities:
                d = e.direct_counter_entry
                out.append({"priority": d.table_entry.priority, "packets": d.data.packet_count, "bytes": d.data.byte_count})
        return sorted(out, key=lambda x: x["priority"])

    def close(self):
        self.requests.put(None)
        self.channel.close()
