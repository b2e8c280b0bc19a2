package org.intstream.onos.pipeconf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.intstream.onos.AppConstants;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.group.DefaultGroupBucket;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.DefaultGroupKey;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupService;

/**
 * The clone session that takes reports (and the ACL's copies) to the CPU port: under ONOS a CLONE group
 * whose id is the session id and whose one bucket outputs to the controller. Slot programming and the
 * pipeliner both need it; whichever comes first adds it, under one group key so it exists once per device.
 */
public final class ReportCloneSession {
    /** The group key every user of the session asks for. */
    public static final GroupKey KEY = new DefaultGroupKey("intstream-report-clone-session"
            .getBytes(StandardCharsets.US_ASCII));

    private ReportCloneSession() {
    }

    /** The CLONE group of a device. */
    public static GroupDescription description(DeviceId device, ApplicationId app) {
        GroupBuckets buckets = new GroupBuckets(List.of(DefaultGroupBucket.createCloneGroupBucket(
                DefaultTrafficTreatment.builder().setOutput(PortNumber.CONTROLLER).build())));
        return new DefaultGroupDescription(device, GroupDescription.Type.CLONE, buckets, KEY,
                AppConstants.REPORT_CLONE_SESSION_ID, app);
    }

    /** Adds the session's group to a device unless it is there. */
    public static void ensure(GroupService groups, DeviceId device, ApplicationId app) {
        if (groups.getGroup(device, KEY) == null) {
            groups.addGroup(description(device, app));
        }
    }
}
