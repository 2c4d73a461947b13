package org.lampyris.management.bundles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.lampyris.internal.journal.BundleAction;
import org.lampyris.internal.journal.BundleCache;
import org.lampyris.internal.journal.Committed;
import org.lampyris.internal.journal.FrameworkSteps;
import org.lampyris.internal.journal.Journal;
import org.lampyris.internal.journal.Release;
import org.lampyris.internal.journal.Transaction;
import org.lampyris.internal.journal.TransactionState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundle transactions: an upload is staged and verified, checked against what is installed, its JARs kept and the
 * transaction journalled as verified; the {@link Rollout} then applies it, watches its health window and commits or
 * reverts it. A request that does not fit is refused ({@link Refusal}), and journalled as refused when the bundle has
 * a record. Not thread-safe: the management thread runs one request at a time.
 */
final class BundleTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(BundleTransactions.class);
    /** The bundles a /mgmt request runs through: replacing one would stop the thread that does the replacing. */
    private static final Set<String> CARRIES_MGMT = Set.of("org.lampyris.management", "org.lampyris.coap",
            "org.lampyris.lwm2m");

    private final BundleContext context;
    private final Journal journal;
    private final SignedBundleCheck check;
    private final PreviousJars previousJars;
    private final Rollout rollout;

    BundleTransactions(BundleContext context, Journal journal, SignedBundleCheck check, HealthWindow health,
            PreviousJars previousJars, BundleCache cache) {
        this.context = context;
        this.journal = journal;
        this.check = check;
        this.previousJars = previousJars;
        this.rollout = new Rollout(context, journal, health, cache);
    }

    /**
     * Installs or updates from an uploaded JAR.
     *
     * @param expectedBsn the bundle the request is about ({@code null} for an install)
     * @param allowLower whether a lower version than the installed one may replace it (a rollback)
     * @throws Refusal if it does not fit; nothing was applied
     */
    Outcome upload(String expectedBsn, byte[] body, boolean allowLower, String identity)
            throws Refusal, IOException, InterruptedException {
        String id = newId();
        Instant startedAt = Instant.now();
        BundleAction action = expectedBsn == null ? BundleAction.INSTALL
                : allowLower ? BundleAction.ROLLBACK : BundleAction.UPDATE;
        Path staged = journal.stage(id, body);
        try {
            VerifiedBundle upload;
            Bundle installed;
            try {
                upload = check.verify(staged);
                installed = admissible(expectedBsn, upload, allowLower);
            } catch (Refusal r) {
                throw journalled(r, action, id, startedAt, identity);
            }
            String bsn = upload.symbolicName();
            String to = upload.version().toString();
            Optional<Release> from = Optional.empty();
            if (installed != null) {
                String version = installed.getVersion().toString();
                Optional<Path> current = previousJars.of(installed);
                if (current.isEmpty()) {
                    throw journalled(new Refusal(Refusal.Cause.CONFLICT, "no JAR of the installed " + bsn + " "
                            + version + " to go back to if the update fails").about(bsn, to), action, id, startedAt,
                            identity);
                }
                from = Optional.of(Release.kept(version, journal.keep(current.get(), bsn, version)));
            }
            Release next = Release.kept(to, journal.keep(staged, bsn, to));
            Optional<Transaction> last = journal.last(bsn);
            Transaction t = Transaction.begin(id, action, bsn, TransactionState.VERIFIED, from, Optional.of(next),
                    committedBefore(last, installed, from), last.flatMap(Transaction::previous),
                    signerOf(upload), startedAt, identity);
            journal.write(t);
            return rollout.apply(t, installed);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Checks an upload as {@link #upload} would, without journalling or touching the framework: a dry run for clients
     * that verify a package before they install it (LwM2M object 9).
     *
     * @return the bundle the JAR is, signed by a trusted key and fit to install or update
     * @throws Refusal why it would be refused
     */
    VerifiedBundle verify(String expectedBsn, byte[] body, boolean allowLower) throws Refusal, IOException {
        Path staged = journal.stage(newId(), body);
        try {
            VerifiedBundle upload = check.verify(staged);
            admissible(expectedBsn, upload, allowLower);
            return upload;
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * The checks of a verified upload against what is installed.
     *
     * @return the installed bundle it replaces, {@code null} for an install
     */
    private Bundle admissible(String expectedBsn, VerifiedBundle upload, boolean allowLower) throws Refusal {
        String bsn = upload.symbolicName();
        String to = upload.version().toString();
        Bundle installed = FrameworkSteps.find(context, bsn);
        if (expectedBsn == null && installed != null) {
            throw new Refusal(Refusal.Cause.CONFLICT, bsn + " " + installed.getVersion() + " is installed already; "
                    + "PUT /mgmt/bundles/" + bsn + " updates it").about(bsn, to);
        }
        if (expectedBsn != null && !expectedBsn.equals(bsn)) {
            throw new Refusal(Refusal.Cause.ANOTHER_BUNDLE, "the JAR is " + bsn + ", not " + expectedBsn);
        }
        if (expectedBsn != null && installed == null) {
            throw new Refusal(Refusal.Cause.NOT_INSTALLED, bsn + " is not installed; POST /mgmt/bundles installs it")
                    .about(bsn, to);
        }
        if (installed != null && !allowLower && upload.version().compareTo(installed.getVersion()) < 0) {
            throw new Refusal(Refusal.Cause.CONFLICT, bsn + " " + to + " is lower than the installed "
                    + installed.getVersion() + "; ask for a rollback (PUT with ?rollback)").about(bsn, to);
        }
        if (installed != null && CARRIES_MGMT.contains(bsn)) {
            throw new Refusal(Refusal.Cause.CONFLICT, bsn + " carries this very request and cannot be replaced "
                    + "through /mgmt; it is updated with the distribution").about(bsn, to);
        }
        return installed;
    }

    /**
     * Goes back to the version that the last committed transaction replaced.
     *
     * @throws Refusal if there is none, or nothing to go back to if the rollback fails
     */
    Outcome rollback(String bsn, String identity) throws Refusal, IOException, InterruptedException {
        String id = newId();
        Instant startedAt = Instant.now();
        Optional<Transaction> last = journal.last(bsn);
        Bundle installed = FrameworkSteps.find(context, bsn);
        Optional<Release> back = last.flatMap(Transaction::previous).filter(r -> journal.jarOf(r).isPresent());
        if (back.isEmpty()) {
            Refusal none = new Refusal(Refusal.Cause.CONFLICT, "no previous version of " + bsn + " to roll back to");
            throw journalled(installed == null ? none : none.about(bsn, null), BundleAction.ROLLBACK, id, startedAt,
                    identity);
        }
        Optional<String> signer;
        try {
            signer = signerOf(check.verify(journal.jarOf(back.get()).orElseThrow()));
        } catch (Refusal r) {
            signer = Optional.empty(); // a base bundle of the distribution, kept when it was first replaced
        }
        Optional<Release> from = Optional.empty();
        if (installed != null) {
            from = keptJarOf(installed).map(jar -> Release.kept(installed.getVersion().toString(), jar));
            if (from.isEmpty()) {
                throw journalled(new Refusal(Refusal.Cause.CONFLICT, "no JAR of the installed " + bsn + " "
                        + installed.getVersion() + " to go back to if the rollback fails")
                        .about(bsn, back.get().version()), BundleAction.ROLLBACK, id, startedAt, identity);
            }
        }
        Transaction t = Transaction.begin(id, BundleAction.ROLLBACK, bsn, TransactionState.VERIFIED, from, back,
                committedBefore(last, installed, from), back, signer, startedAt, identity);
        journal.write(t);
        return rollout.apply(t, installed);
    }

    Outcome uninstall(Bundle bundle, String identity) throws IOException, InterruptedException {
        String bsn = bundle.getSymbolicName();
        Optional<Release> from = Optional.of(new Release(bundle.getVersion().toString(), keptJarOf(bundle)));
        Optional<Transaction> last = journal.last(bsn);
        Transaction t = Transaction.begin(newId(), BundleAction.UNINSTALL, bsn, TransactionState.APPLYING, from,
                Optional.empty(), committedBefore(last, bundle, from), last.flatMap(Transaction::previous),
                Optional.empty(), Instant.now(), identity);
        return rollout.uninstall(t, bundle);
    }

    Optional<Transaction> last(String bsn) throws IOException {
        return journal.last(bsn);
    }

    /** Journals a refusal on the record of the bundle it is about, if that bundle is installed or has a record. */
    private Refusal journalled(Refusal r, BundleAction action, String id, Instant startedAt, String identity)
            throws IOException {
        String bsn = r.bsn();
        Bundle installed = bsn == null ? null : FrameworkSteps.find(context, bsn);
        Optional<Transaction> last = bsn == null ? Optional.empty() : journal.last(bsn);
        if (bsn != null && (installed != null || last.isPresent())) {
            Transaction refused = new Transaction(id, action, bsn, TransactionState.REFUSED,
                    Optional.ofNullable(installed).map(b -> Release.unkept(b.getVersion().toString())),
                    Optional.ofNullable(r.version()).map(Release::unkept),
                    last.map(Transaction::committed).orElse(Committed.BASE_SET), last.flatMap(Transaction::previous),
                    Optional.empty(), Optional.of(r.getMessage()), Optional.of(startedAt), Optional.of(Instant.now()),
                    identity);
            journal.write(refused);
        }
        LOG.info("Refused {} of {}: {}", action.text(), bsn == null ? "an upload" : bsn, r.getMessage());
        return r;
    }

    /** What the post runs if this transaction never completes: the installed bundle, from its kept JAR. */
    private static Committed committedBefore(Optional<Transaction> last, Bundle installed, Optional<Release> from) {
        if (installed == null) {
            return Committed.ABSENT;
        }
        Optional<Release> kept = from.filter(r -> r.jar().isPresent());
        if (kept.isEmpty()) {
            return last.map(Transaction::committed).orElse(Committed.BASE_SET);
        }
        return Committed.to(kept.get());
    }

    /** @return the JAR the installed bundle came from, kept in the journal; empty when it cannot be found or kept */
    private Optional<String> keptJarOf(Bundle bundle) throws IOException {
        Optional<Path> jar = previousJars.of(bundle);
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(journal.keep(jar.get(), bundle.getSymbolicName(), bundle.getVersion().toString()));
        } catch (IOException e) {
            LOG.warn("Cannot keep the JAR of {}: {}", bundle.getSymbolicName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> signerOf(VerifiedBundle bundle) {
        return Optional.ofNullable(bundle.signer()).filter(s -> !s.isEmpty());
    }

    private static String newId() {
        return Long.toString(System.currentTimeMillis(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    }
}
