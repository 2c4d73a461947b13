package org.lampyris.internal.journal;

import java.util.Locale;

/** What a bundle transaction was asked to do. */
public enum BundleAction {
    INSTALL, UPDATE, ROLLBACK, UNINSTALL;

    /** @return the name the journal and the management answers use ({@code install}, ...) */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException if no action is named so */
    public static BundleAction of(String text) {
        for (BundleAction a : values()) {
            if (a.text().equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no bundle action '" + text + "'");
    }
}
