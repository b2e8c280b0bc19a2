package org.intstream.softswitch.table;

import org.intstream.softswitch.expr.Expr;

/**
 * One element of a table key: what it reads (a field, a validity bit), how it matches, its width, and
 * the mask BMv2 applies to the field first (p4c uses it for slices), if any.
 *
 * @param name the key's name as in the JSON ({@code hdr.ipv4.dst}); P4Info uses the same
 */
public record KeyElement(String name, MatchKind kind, int width, Expr read, java.math.BigInteger fieldMask) {

    public boolean wide() {
        return width > 64;
    }
}
