package org.lampyris.management.bundles;

import java.util.Properties;

/**
 * One bundle's last transaction, as the journal keeps it: a Java properties file per bundle symbolic name,
 * {@code transactions/<bsn>.properties} under the management directory. The launcher replays these files before any
 * bundle starts (org.lampyris.runtime.JournalReplay reads the same keys), so the format is deliberately tiny:
 *
 * <pre>
 * id, action (install|update|rollback|uninstall), bsn,
 * state        verified | applying | window | committed | reverted | refused
 * from, fromJar    the version installed before, and its stored JAR ("" for a fresh install)
 * to, toJar        the version asked for, and its stored JAR ("" for an uninstall)
 * committed    what the post must run once no transaction is under way: a version (committedJar holds it),
 *              "absent" (uninstalled or never installed by us) or "" (the distribution's base bundle set decides)
 * committedJar the stored JAR of the committed version
 * previous, previousJar   the version a POST rollback goes back to (the "from" of the last committed transaction)
 * signer, reason, startedAt, finishedAt, identity
 * </pre>
 *
 * JAR paths are relative to the management directory. An interrupted transaction (verified, applying, window) is
 * reverted to {@code from} at boot; a settled one is ensured to be {@code committed}.
 */
record Transaction(String id, String action, String bsn, String state, String from, String fromJar, String to,
        String toJar, String committed, String committedJar, String previous, String previousJar, String signer,
        String reason, String startedAt, String finishedAt, String identity) {

    static final String VERIFIED = "verified";
    static final String APPLYING = "applying";
    static final String WINDOW = "window";
    static final String COMMITTED = "committed";
    static final String REVERTED = "reverted";
    static final String REFUSED = "refused";
    /** The {@code committed} value of a bundle that must not be installed. */
    static final String ABSENT = "absent";

    private static final String[] KEYS = { "id", "action", "bsn", "state", "from", "fromJar", "to", "toJar",
            "committed", "committedJar", "previous", "previousJar", "signer", "reason", "startedAt", "finishedAt",
            "identity" };

    Transaction {
        String[] values = { id, action, bsn, state, from, fromJar, to, toJar, committed, committedJar, previous,
                previousJar, signer, reason, startedAt, finishedAt, identity };
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(KEYS[i]);
            }
        }
    }

    /** @return whether the framework may hold a half-applied state of this transaction */
    boolean interrupted() {
        return state.equals(VERIFIED) || state.equals(APPLYING) || state.equals(WINDOW);
    }

    boolean settled() {
        return state.equals(COMMITTED) || state.equals(REVERTED) || state.equals(REFUSED);
    }

    Transaction withState(String newState) {
        return new Transaction(id, action, bsn, newState, from, fromJar, to, toJar, committed, committedJar, previous,
                previousJar, signer, reason, startedAt, finishedAt, identity);
    }

    Transaction committedNow(String finishedAt) {
        return new Transaction(id, action, bsn, COMMITTED, from, fromJar, to, toJar, to.isEmpty() ? ABSENT : to,
                toJar, from, fromJar, signer, "", startedAt, finishedAt, identity);
    }

    Transaction revertedNow(String why, String finishedAt) {
        return new Transaction(id, action, bsn, REVERTED, from, fromJar, to, toJar, committed, committedJar, previous,
                previousJar, signer, why, startedAt, finishedAt, identity);
    }

    Transaction refusedNow(String why, String finishedAt) {
        return new Transaction(id, action, bsn, REFUSED, from, "", to, "", committed, committedJar, previous,
                previousJar, signer, why, startedAt, finishedAt, identity);
    }

    Properties toProperties() {
        Properties p = new Properties();
        String[] values = { id, action, bsn, state, from, fromJar, to, toJar, committed, committedJar, previous,
                previousJar, signer, reason, startedAt, finishedAt, identity };
        for (int i = 0; i < KEYS.length; i++) {
            p.setProperty(KEYS[i], values[i]);
        }
        return p;
    }

    static Transaction fromProperties(Properties p) {
        String[] v = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            v[i] = p.getProperty(KEYS[i], "");
        }
        return new Transaction(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16]);
    }
}
