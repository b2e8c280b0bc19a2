package org.intstream.p4runtime;

/** Where a client stands with its device. */
public enum MastershipRole {
    /** Its election id is the highest: it may write, and it receives packet-ins. */
    PRIMARY,
    /** Connected, but another client has a higher election id (or there is no primary yet); writes are refused. */
    BACKUP,
    /** The stream to the device is down; the client is reconnecting. */
    DISCONNECTED
}
