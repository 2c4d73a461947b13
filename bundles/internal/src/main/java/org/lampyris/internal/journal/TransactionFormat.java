package org.lampyris.internal.journal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link Transaction} as a Java properties file, {@code transactions/<bsn>.properties} under the management
 * directory. Releases of the management bundle and launchers of other releases read each other's files across an
 * update of the distribution, so the keys and values are fixed:
 *
 * <pre>
 * id, action       install | update | rollback | uninstall
 * bsn, state       verified | applying | window | committed | reverted | refused
 * from, fromJar    the version installed before, and its kept JAR ("" for a fresh install)
 * to, toJar        the version asked for, and its kept JAR ("" for an uninstall)
 * committed        a version (committedJar holds it), "absent", or "" (the distribution's base set decides)
 * committedJar
 * previous, previousJar   the version a rollback goes back to
 * signer, reason, startedAt, finishedAt (ISO-8601 instants), identity
 * </pre>
 *
 * A missing key reads as "". JAR paths are relative to the management directory.
 */
final class TransactionFormat {
    static final String ABSENT = "absent";
    static final String COMMENT = "Lampyris bundle transaction";

    private TransactionFormat() {
    }

    static Properties write(Transaction t) {
        Properties p = new Properties();
        p.setProperty("id", t.id());
        p.setProperty("action", t.action().text());
        p.setProperty("bsn", t.bsn());
        p.setProperty("state", t.state().text());
        writeRelease(p, "from", t.from());
        writeRelease(p, "to", t.to());
        if (t.committed() instanceof Committed.Absent) {
            p.setProperty("committed", ABSENT);
            p.setProperty("committedJar", "");
        } else {
            writeRelease(p, "committed", t.committedRelease());
        }
        writeRelease(p, "previous", t.previous());
        p.setProperty("signer", t.signer().orElse(""));
        p.setProperty("reason", t.reason().orElse(""));
        p.setProperty("startedAt", t.startedAt().map(Instant::toString).orElse(""));
        p.setProperty("finishedAt", t.finishedAt().map(Instant::toString).orElse(""));
        p.setProperty("identity", t.identity());
        return p;
    }

    /** @throws IllegalArgumentException if the action, the state or an instant is not one this format writes */
    static Transaction read(Properties p) {
        String committed = p.getProperty("committed", "");
        return new Transaction(p.getProperty("id", ""), BundleAction.of(p.getProperty("action", "")),
                p.getProperty("bsn", ""), TransactionState.of(p.getProperty("state", "")), readRelease(p, "from"),
                readRelease(p, "to"), committed.equals(ABSENT) ? Committed.ABSENT
                        : readRelease(p, "committed").map(Committed::to).orElse(Committed.BASE_SET),
                readRelease(p, "previous"), text(p, "signer"), text(p, "reason"), instant(p, "startedAt"),
                instant(p, "finishedAt"), p.getProperty("identity", ""));
    }

    private static void writeRelease(Properties p, String key, Optional<Release> release) {
        p.setProperty(key, release.map(Release::version).orElse(""));
        p.setProperty(key + "Jar", release.flatMap(Release::jar).orElse(""));
    }

    private static Optional<Release> readRelease(Properties p, String key) {
        return text(p, key).map(version -> new Release(version, text(p, key + "Jar")));
    }

    private static Optional<String> text(Properties p, String key) {
        return Optional.of(p.getProperty(key, "")).filter(v -> !v.isEmpty());
    }

    private static Optional<Instant> instant(Properties p, String key) {
        try {
            return text(p, key).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " is not an instant: " + e.getParsedString(), e);
        }
    }
}
