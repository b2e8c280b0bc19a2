package org.intstream.engine.probe;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.query.QueryException;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.ProbeSpec;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;

/**
 * Turns a probe (parameters bound) into its tasks: one per address, a prefix giving each of its addresses
 * (the network and broadcast addresses of an IPv4 prefix shorter than /31 left out, as no host answers there).
 */
public final class ProbeTasks {
    /** The port of the agents' bandwidth probe listeners when the query names none. */
    public static final int DEFAULT_BANDWIDTH_PORT = 8001;
    /** Bytes a bandwidth probe sends when the query doesn't say. */
    public static final long DEFAULT_BANDWIDTH_BYTES = 1_000_000;
    /** Longest an RTT probe waits by default (its interval, when shorter). */
    public static final long DEFAULT_RTT_TIMEOUT_MICROS = 1_000_000;
    /** Longest a bandwidth probe sends by default. */
    public static final long DEFAULT_BANDWIDTH_TIMEOUT_MICROS = 2_000_000;

    private ProbeTasks() {
    }

    public static List<ProbeTask> of(ProbeSpec spec, FunctionRegistry functions) {
        long every = (Long) ExprCompiler.constant(spec.every(), functions);
        long timeout = spec.timeout() != null ? (Long) ExprCompiler.constant(spec.timeout(), functions)
                : spec.kind() == ProbeSpec.Kind.BANDWIDTH ? DEFAULT_BANDWIDTH_TIMEOUT_MICROS
                : Math.min(every, DEFAULT_RTT_TIMEOUT_MICROS);
        long bytes = spec.kind() != ProbeSpec.Kind.BANDWIDTH ? 0 : spec.bytes() == null ? DEFAULT_BANDWIDTH_BYTES
                : (Long) ExprCompiler.constant(spec.bytes(), functions);
        List<ProbeTask> tasks = new ArrayList<>();
        for (ProbeSpec.Target t : spec.targets()) {
            int port = t.port() != null ? Math.toIntExact((Long) ExprCompiler.constant(t.port(), functions))
                    : spec.kind() == ProbeSpec.Kind.BANDWIDTH ? DEFAULT_BANDWIDTH_PORT : 0;
            Object address = ExprCompiler.constant(t.address(), functions);
            if (address instanceof IpPrefix) {
                for (IpAddress a : addresses((IpPrefix) address, t)) {
                    tasks.add(new ProbeTask(spec.kind(), a.toString(), port, every, timeout, bytes));
                }
            } else {
                tasks.add(new ProbeTask(spec.kind(), address.toString(), port, every, timeout, bytes));
            }
        }
        return tasks;
    }

    private static List<IpAddress> addresses(IpPrefix prefix, ProbeSpec.Target t) {
        IpAddress network = prefix.network();
        int hostBits = (network.isV4() ? 32 : 128) - prefix.length();
        if (hostBits > ProbeSpec.MAX_PREFIX_HOST_BITS) {
            throw new QueryException(t.address().position(), "a probe covers at most "
                    + (1 << ProbeSpec.MAX_PREFIX_HOST_BITS) + " addresses, and " + prefix + " has 2^" + hostBits);
        }
        List<IpAddress> out = new ArrayList<>();
        long count = 1L << hostBits;
        boolean skipEnds = network.isV4() && hostBits >= 2;
        for (long i = skipEnds ? 1 : 0; i < (skipEnds ? count - 1 : count); i++) {
            out.add(network.isV4() ? IpAddress.v4(network.v4Bits() + (int) i)
                    : IpAddress.v6(network.hi(), network.lo() + i));
        }
        return out;
    }
}
