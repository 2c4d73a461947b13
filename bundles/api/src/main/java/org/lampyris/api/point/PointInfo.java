package org.lampyris.api.point;

import java.util.List;
import java.util.Objects;

/**
 * What a point is, as integrators discover it.
 *
 * @param unit the SenML unit (RFC 8428, RFC 8798) such as {@code %}, {@code W}, {@code ug/m3}; empty when unitless
 * @param resourceTypes the {@code rt} values, readable type first, then its standard counterparts (for example
 *            {@code light.level} and {@code ucifi:3416/3}); at least one
 * @param iface the CoRE interface: sensor, actuator or parameter
 * @param kind the type of the value
 * @param writable whether clients may write it (subject to their role)
 * @param observable whether the plugin pushes changes (see {@link Point#observe})
 * @param title a short human description, may be empty
 * @param postable whether the point has an action that clients invoke with a POST (see {@link Point#post})
 */
public record PointInfo(String unit, List<String> resourceTypes, Interface iface, ValueKind kind, boolean writable,
        boolean observable, String title, boolean postable) {

    public PointInfo {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        resourceTypes = List.copyOf(resourceTypes);
        if (resourceTypes.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one resource type");
        }
    }

    /** A point without an action. */
    public PointInfo(String unit, List<String> resourceTypes, Interface iface, ValueKind kind, boolean writable,
            boolean observable, String title) {
        this(unit, resourceTypes, iface, kind, writable, observable, title, false);
    }

    /** The CoRE interface descriptions (the {@code if} attribute of RFC 6690 links). */
    public enum Interface {
        /** A value measured by the post: {@code core.s}. */
        SENSOR("core.s"),
        /** A value that makes the post act: {@code core.a}. */
        ACTUATOR("core.a"),
        /** A setting: {@code core.p}. */
        PARAMETER("core.p");

        private final String linkValue;

        Interface(String linkValue) {
            this.linkValue = linkValue;
        }

        /** @return the value of the {@code if} link attribute */
        public String linkValue() {
            return linkValue;
        }
    }
}
