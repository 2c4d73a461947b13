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
     * A JSON document, carried in a {@link Reading} as its text. It is served as is in {@code application/json} and
     * {@code text/plain}, and as a string ({@code vs}) in SenML.
     */
    JSON
}
