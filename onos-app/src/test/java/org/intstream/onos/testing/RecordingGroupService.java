package org.intstream.onos.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.group.DefaultGroup;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupServiceAdapter;

/** Holds the groups added (by device and key) and records every add and remove. */
public class RecordingGroupService extends GroupServiceAdapter {
    public final Map<String, Group> groups = new LinkedHashMap<>();
    public final List<GroupDescription> added = new ArrayList<>();
    public final List<GroupKey> removed = new ArrayList<>();
    public final List<String> purged = new ArrayList<>();

    private static String key(DeviceId device, GroupKey key) {
        return device + "/" + key;
    }

    @Override
    public void addGroup(GroupDescription d) {
        added.add(d);
        groups.put(key(d.deviceId(), d.appCookie()), new DefaultGroup(new GroupId(d.givenGroupId()), d));
    }

    @Override
    public Group getGroup(DeviceId deviceId, GroupKey appCookie) {
        return groups.get(key(deviceId, appCookie));
    }

    @Override
    public void removeGroup(DeviceId deviceId, GroupKey appCookie, ApplicationId appId) {
        removed.add(appCookie);
        groups.remove(key(deviceId, appCookie));
    }

    @Override
    public void purgeGroupEntries(DeviceId deviceId, ApplicationId appId) {
        purged.add(deviceId + " " + appId.name());
    }
}
