package org.intstream.agent.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The receive and segmentation offloads of an interface as {@code ethtool -k} reports them. With any of
 * them on, the kernel hands a capture merged or unsegmented super-frames, so packet counts don't match
 * the wire.
 *
 * @param iface the interface
 * @param gro generic-receive-offload
 * @param gso generic-segmentation-offload
 * @param tso tcp-segmentation-offload
 * @param lro large-receive-offload
 */
public record OffloadState(String iface, boolean gro, boolean gso, boolean tso, boolean lro) {

    public OffloadState {
        Objects.requireNonNull(iface, "iface can't be null");
    }

    /** True when capture sees frames as they are on the wire. */
    public boolean allOff() {
        return !gro && !gso && !tso && !lro;
    }

    /** The short ethtool names of the offloads still on, such as {@code [gro, tso]}. */
    public List<String> enabled() {
        List<String> on = new ArrayList<>();
        if (gro) {
            on.add("gro");
        }
        if (gso) {
            on.add("gso");
        }
        if (tso) {
            on.add("tso");
        }
        if (lro) {
            on.add("lro");
        }
        return on;
    }
}
