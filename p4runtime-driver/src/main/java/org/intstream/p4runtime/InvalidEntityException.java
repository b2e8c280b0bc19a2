package org.intstream.p4runtime;

/**
 * An entity the caller described does not fit the switch's P4Info: an unknown table, action, field,
 * parameter, counter, meter or metadata name, a value wider than its field, a missing priority. Raised
 * while encoding, so nothing has been sent to the switch. The message names the entity and the culprit.
 */
public class InvalidEntityException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidEntityException(String message) {
        super(message);
    }
}
