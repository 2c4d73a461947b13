package org.lampyris.coap.format;

import java.util.Objects;

import org.lampyris.api.point.Reading;

/**
 * One record of a SenML pack (RFC 8428): a point's value with its name relative to the pack's base name.
 *
 * @param name the name after the base name, such as {@code light/level}
 * @param unit the SenML unit, empty when unitless
 * @param reading the value and its time
 */
public record SenmlRecord(String name, String unit, Reading reading) {

    public SenmlRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(reading, "reading");
    }
}
