package org.lampyris.management.bundles;

import org.lampyris.internal.journal.Transaction;

/**
 * How a bundle transaction that ran ended, and the transaction as journalled; the resource that took the request
 * turns it into its protocol's answer. A transaction refused before it ran ends in a {@link Refusal} instead.
 */
record Outcome(Ending ending, Transaction transaction) {

    enum Ending {
        /** A new bundle is installed, started and healthy. */
        INSTALLED,
        /** An installed bundle was updated or rolled back, and the new version is healthy. */
        REPLACED,
        UNINSTALLED,
        /** The new version did not install, start or stay healthy: the post went back to what it ran before. */
        REVERTED,
        /** The framework would not uninstall the bundle. */
        STILL_INSTALLED
    }
}
