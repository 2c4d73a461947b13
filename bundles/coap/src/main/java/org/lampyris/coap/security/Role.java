package org.lampyris.coap.security;

import java.util.Locale;

/** What an identity may do, each role including the ones before it. */
public enum Role {
    /** Integrators: read and observe the points. */
    READER,
    /** Operators: also write actuators, such as the light level, and act on points. */
    OPERATOR,
    /** City engineers: also the fail-safe level and remote management. */
    ENGINEER;

    /** @return whether this role includes the other */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /**
     * @param name a role name as written in the configuration: reader, operator or engineer
     * @return the role
     * @throws IllegalArgumentException naming the bad value
     */
    public static Role parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + name.trim() + "' (reader, operator or engineer)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
