package org.lampyris.api.charging;

/**
 * When a charge point takes a change of its availability ({@link ChargePoint#setOperative(boolean)}).
 *
 * @since 1.2
 */
public enum AvailabilityChange {
    /** At once, or it was so already. */
    NOW,
    /** When the running session ends; until then the session goes on. */
    AFTER_SESSION
}
