package org.lampyris.internal.journal;

import java.util.Locale;

/**
 * The step a bundle transaction reached. The first three are journalled before the framework is touched, so a kill
 * in them leaves a transaction the launcher finishes at boot; the last three are settled.
 */
public enum TransactionState {
    /** The upload is checked and kept; the framework is not touched yet. */
    VERIFIED,
    /** The framework is being changed: it may hold the old bundle, the new one or a mix. */
    APPLYING,
    /** The new bundle is in place and watched through its health window. */
    WINDOW,
    COMMITTED,
    REVERTED,
    /** Refused before anything was applied. */
    REFUSED;

    /** @return the name the journal and the management answers use ({@code verified}, ...) */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether a kill in this state may leave the framework holding a half-applied transaction */
    public boolean interrupted() {
        return this == VERIFIED || this == APPLYING || this == WINDOW;
    }

    /** @throws IllegalArgumentException if no state is named so */
    public static TransactionState of(String text) {
        for (TransactionState s : values()) {
            if (s.text().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no transaction state '" + text + "'");
    }
}
