package org.intstream.standalone;

import picocli.CommandLine;

/** The version from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = IntStreamCommand.class.getPackage().getImplementationVersion();
        return new String[] {"intstream " + (v == null ? "(development build)" : v)};
    }
}
