package org.lampyris.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lampyris.internal.journal.Committed;
import org.lampyris.internal.journal.FrameworkSteps;
import org.lampyris.internal.journal.Journal;
import org.lampyris.internal.journal.Release;
import org.lampyris.internal.journal.Transaction;
import org.lampyris.internal.journal.TransactionState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;

/**
 * Finishes what the last run of the controller left of remote bundle transactions, before any bundle starts, from
 * the journal the management bundle keeps in {@code <data dir>/mgmt} (one model of it, in the internal library):
 * <ul>
 * <li>{@code verified}: nothing was applied; the record becomes {@code refused}, and is then settled as below;</li>
 * <li>{@code applying} or {@code window}: the framework may hold the new bundle, the old one or a mix; the bundle is
 * put back to {@code from} from its kept JAR (uninstalled when it was a fresh install) and the record becomes
 * {@code reverted};</li>
 * <li>settled ({@code committed}, {@code reverted}, {@code refused}): the post must run {@code committed}: absent
 * bundles are reinstalled from its kept JAR; {@code absent} ones are uninstalled and kept out of the base set.</li>
 * </ul>
 * Every record, whatever its state, then tells the base set what remote management decided. Uploads still in
 * {@code staging/} and temporary files are deleted.
 */
final class JournalReplay {
    private final Journal journal;
    private final FrameworkSteps steps;
    private final Log log;

    JournalReplay(BundleContext context, Path mgmtDir, Log log) {
        this.journal = new Journal(mgmtDir);
        this.steps = new FrameworkSteps(context, journal);
        this.log = log;
    }

    /**
     * What remote management decided, for the base bundle set to respect.
     *
     * @param uninstalled bundles an engineer uninstalled: the base set does not put them back
     * @param highestRemote per bundle, the highest version it ran at through remote management (the committed one or
     *        the one it was rolled back from): the base set replaces it only with a newer version than that, so that
     *        neither a remote update nor an explicit rollback is silently undone by a restart
     */
    record RemoteDecisions(Set<String> uninstalled, Map<String, Version> highestRemote) {
    }

    RemoteDecisions replay() throws StartupException {
        RemoteDecisions decisions = new RemoteDecisions(new HashSet<>(), new HashMap<>());
        if (!journal.exists()) {
            return decisions;
        }
        try {
            journal.deleteLeftovers();
            for (Path record : journal.records()) {
                Transaction t;
                try {
                    t = journal.read(record);
                } catch (IOException e) {
                    // One unreadable record must not keep the post dark; an engineer finds it in the log.
                    log.warn("Bundle journal: " + e.getMessage() + "; left as it is");
                    continue;
                }
                Transaction settled = settle(t);
                // A transaction the power cut short never reached the step that drops the JARs it no longer needs:
                // drop them here, or every update cut before its answer would leave one behind for good.
                journal.forgetUnused(settled);
                remember(settled, decisions);
            }
        } catch (IOException | BundleException e) {
            throw new StartupException("cannot replay the bundle journal in " + journal.dir() + ": " + e.getMessage(),
                    e);
        }
        return decisions;
    }

    /** @return the transaction settled, the framework holding what it committed */
    private Transaction settle(Transaction t) throws IOException, BundleException {
        Bundle installed = steps.find(t.bsn());
        switch (t.state()) {
        case VERIFIED -> {
            Transaction refused = t.settledAt(TransactionState.REFUSED,
                    "interrupted by a restart before it was applied", Instant.now());
            journal.write(refused);
            ensureCommitted(refused, installed);
            return refused;
        }
        case APPLYING, WINDOW -> {
            Transaction reverted = revert(t, installed);
            journal.write(reverted);
            log.info("Bundle journal: " + t.bsn() + " " + reverted.reason().orElse(""));
            return reverted;
        }
        default -> {
            ensureCommitted(t, installed);
            return t;
        }
        }
    }

    private Transaction revert(Transaction t, Bundle installed) throws IOException, BundleException {
        String interrupted = "interrupted by a restart while " + t.state().text() + "; ";
        String from = t.from().map(Release::version).orElse("");
        return switch (steps.revert(t, installed)) {
        case UNINSTALLED -> t.withCommitted(Committed.ABSENT).settledAt(TransactionState.REVERTED,
                interrupted + "uninstalled again", Instant.now());
        case PUT_BACK -> t.settledAt(TransactionState.REVERTED, interrupted + "reverted to " + from, Instant.now());
        case NO_KEPT_JAR -> t.settledAt(TransactionState.REVERTED,
                interrupted + from + " had no kept JAR to go back to", Instant.now());
        };
    }

    /** Puts the framework in line with what a settled transaction committed. */
    private void ensureCommitted(Transaction t, Bundle installed) throws IOException, BundleException {
        if (t.committedAbsent()) {
            if (installed != null) {
                log.info("Bundle journal: " + t.bsn() + " was uninstalled remotely; uninstalling it again");
                installed.uninstall();
            }
            return;
        }
        Optional<Release> committed = t.committedRelease();
        Optional<Path> jar = committed.flatMap(journal::jarOf);
        if (installed == null && jar.isPresent()) {
            log.info("Bundle journal: " + t.bsn() + " " + committed.get().version() + " is missing from the bundle "
                    + "cache; installing it again");
            steps.put(t.bsn(), null, jar.get());
        }
    }

    private static void remember(Transaction t, RemoteDecisions decisions) {
        if (t.committedAbsent()) {
            decisions.uninstalled().add(t.bsn());
        }
        for (Optional<Release> ran : List.of(t.committedRelease(), t.previous())) {
            if (ran.isPresent() && ran.get().jar().isPresent()) {
                try {
                    decisions.highestRemote().merge(t.bsn(), Version.parseVersion(ran.get().version()),
                            (a, b) -> a.compareTo(b) >= 0 ? a : b);
                } catch (IllegalArgumentException e) {
                    // not a version: nothing to protect
                }
            }
        }
    }
}
