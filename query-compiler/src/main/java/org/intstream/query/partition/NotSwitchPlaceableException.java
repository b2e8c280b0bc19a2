package org.intstream.query.partition;

import org.intstream.query.QueryException;
import org.intstream.query.SourcePosition;

/** A query (or the part asked for) that a switch slot cannot run, with the reason and where it is. */
public final class NotSwitchPlaceableException extends QueryException {
    private static final long serialVersionUID = 1L;

    public NotSwitchPlaceableException(SourcePosition position, String reason) {
        super(position, reason);
    }
}
