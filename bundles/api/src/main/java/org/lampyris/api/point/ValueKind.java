package org.lampyris.api.point;

/** The type of a point's value; it decides the SenML field ({@code v}, {@code vb}, {@code vs}) and how writes parse. */
public enum ValueKind {
    /** A number, carried as a {@code double}. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A string. */
    TEXT,
    /**
     * A structure: records, lists and maps of values (see {@link Reading#structured}). The platform serves it as a
     * JSON document in {@code application/json} and {@code text/plain}, as CBOR in {@code application/cbor}, and as
     * its JSON text ({@code vs}) in SenML. The argument of a write or an action on such a point is text.
     */
    STRUCTURED
}
