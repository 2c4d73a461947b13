package org.lampyris.management.bundles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundle transactions: stage, verify, apply, health window, commit, with an automatic revert to the previous JAR, each
 * step journalled before the framework is touched (see {@link Transaction} for what the launcher replays at boot).
 * Not thread-safe: the management thread runs one request at a time.
 */
final class BundleTransactions {
    /** The location prefix of bundles installed remotely. */
    static final String LOCATION_PREFIX = "lampyris:mgmt:";
    private static final Logger LOG = LoggerFactory.getLogger(BundleTransactions.class);
    private static final long REFRESH_TIMEOUT_SECONDS = 60;
    /** The bundles a /mgmt request runs through: replacing one would stop the thread that does the replacing. */
    private static final java.util.Set<String> CARRIES_MGMT = java.util.Set.of("org.lampyris.management",
            "org.lampyris.coap", "org.lampyris.lwm2m");

    /** The end of a request: the CoAP code and the transaction as journalled. */
    record Outcome(int code, Transaction transaction) {
    }

    private final BundleContext context;
    private final Journal journal;
    private final SignedBundleCheck check;
    private final HealthWindow health;
    private final PreviousJars previousJars;

    BundleTransactions(BundleContext context, Journal journal, SignedBundleCheck check, HealthWindow health,
            PreviousJars previousJars) {
        this.context = context;
        this.journal = journal;
        this.check = check;
        this.health = health;
        this.previousJars = previousJars;
    }

    /**
     * Installs or updates from an uploaded JAR.
     *
     * @param expectedBsn the bundle the request is about ({@code null} for an install)
     * @param allowLower whether a lower version than the installed one may replace it (a rollback)
     */
    Outcome upload(String expectedBsn, byte[] body, boolean allowLower, String identity)
            throws IOException, InterruptedException {
        String id = newId();
        String startedAt = Instant.now().toString();
        String action = expectedBsn == null ? "install" : allowLower ? "rollback" : "update";
        Path staged = journal.stage(id, body);
        try {
            VerifiedBundle upload;
            try {
                upload = check.verify(staged);
            } catch (Refusal r) {
                return refuse(r.bsn(), action, r.version(), r.code(), r.getMessage(), id, startedAt, identity);
            }
            String bsn = upload.symbolicName();
            String to = upload.version().toString();
            Bundle installed;
            try {
                installed = admissible(expectedBsn, upload, allowLower);
            } catch (Refusal r) {
                return refuse(r.bsn(), action, to, r.code(), r.getMessage(), id, startedAt, identity);
            }
            String fromJar = "";
            if (installed != null) {
                Optional<Path> current = previousJars.of(installed);
                if (current.isEmpty()) {
                    return refuse(bsn, action, to, 409, "no JAR of the installed " + bsn + " " + installed.getVersion()
                            + " to go back to if the update fails", id, startedAt, identity);
                }
                fromJar = journal.keep(current.get(), bsn, installed.getVersion().toString());
            }
            String toJar = journal.keep(staged, bsn, to);
            Transaction last = journal.last(bsn).orElse(null);
            Transaction t = new Transaction(id, action, bsn, Transaction.VERIFIED,
                    installed == null ? "" : installed.getVersion().toString(), fromJar, to, toJar,
                    committedOf(last, installed, fromJar), committedJarOf(last, installed, fromJar),
                    last == null ? "" : last.previous(), last == null ? "" : last.previousJar(), upload.signer(), "",
                    startedAt, "", identity);
            journal.write(t);
            return apply(t, installed);
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
        Bundle installed = BundleLookup.find(context, bsn);
        if (expectedBsn == null && installed != null) {
            throw new Refusal(409, bsn + " " + installed.getVersion() + " is installed already; PUT /mgmt/bundles/"
                    + bsn + " updates it").about(bsn, to);
        }
        if (expectedBsn != null && !expectedBsn.equals(bsn)) {
            throw new Refusal(400, "the JAR is " + bsn + ", not " + expectedBsn);
        }
        if (expectedBsn != null && installed == null) {
            throw new Refusal(404, bsn + " is not installed; POST /mgmt/bundles installs it").about(bsn, to);
        }
        if (installed != null && !allowLower && upload.version().compareTo(installed.getVersion()) < 0) {
            throw new Refusal(409, bsn + " " + to + " is lower than the installed " + installed.getVersion()
                    + "; ask for a rollback (PUT with ?rollback)").about(bsn, to);
        }
        if (installed != null && CARRIES_MGMT.contains(bsn)) {
            throw new Refusal(409, bsn + " carries this very request and cannot be replaced through /mgmt; it is "
                    + "updated with the distribution").about(bsn, to);
        }
        return installed;
    }

    /** Goes back to the version that the last committed transaction replaced. */
    Outcome rollback(String bsn, String identity) throws IOException, InterruptedException {
        String id = newId();
        String startedAt = Instant.now().toString();
        Transaction last = journal.last(bsn).orElse(null);
        Bundle installed = BundleLookup.find(context, bsn);
        if (last == null || last.previous().isEmpty() || last.previousJar().isEmpty()
                || !Files.isRegularFile(journal.resolve(last.previousJar()))) {
            return refuse(installed == null ? null : bsn, "rollback", "", 409, "no previous version of " + bsn
                    + " to roll back to", id, startedAt, identity);
        }
        String signer;
        try {
            signer = check.verify(journal.resolve(last.previousJar())).signer();
        } catch (Refusal r) {
            signer = ""; // a base bundle of the distribution, kept when it was first replaced
        }
        String fromJar = "";
        if (installed != null) {
            fromJar = previousJars.of(installed).map(p -> keep(p, bsn, installed)).orElse("");
            if (fromJar.isEmpty()) {
                return refuse(bsn, "rollback", last.previous(), 409, "no JAR of the installed " + bsn + " "
                        + installed.getVersion() + " to go back to if the rollback fails", id, startedAt, identity);
            }
        }
        Transaction t = new Transaction(id, "rollback", bsn, Transaction.VERIFIED,
                installed == null ? "" : installed.getVersion().toString(), fromJar, last.previous(),
                last.previousJar(), committedOf(last, installed, fromJar), committedJarOf(last, installed, fromJar),
                last.previous(), last.previousJar(), signer, "", startedAt, "", identity);
        journal.write(t);
        return apply(t, installed);
    }

    Outcome uninstall(Bundle bundle, String identity) throws IOException, InterruptedException {
        String bsn = bundle.getSymbolicName();
        String from = bundle.getVersion().toString();
        String fromJar = previousJars.of(bundle).map(p -> keep(p, bsn, bundle)).orElse("");
        Transaction last = journal.last(bsn).orElse(null);
        Transaction t = new Transaction(newId(), "uninstall", bsn, Transaction.APPLYING, from, fromJar, "", "",
                committedOf(last, bundle, fromJar), committedJarOf(last, bundle, fromJar),
                last == null ? "" : last.previous(), last == null ? "" : last.previousJar(), "", "",
                Instant.now().toString(), "", identity);
        journal.write(t);
        try {
            bundle.uninstall();
            refresh(bundle);
        } catch (BundleException e) {
            Transaction reverted = t.revertedNow("could not uninstall: " + e.getMessage(), Instant.now().toString());
            journal.write(reverted);
            return new Outcome(409, reverted);
        }
        Transaction committed = t.committedNow(Instant.now().toString());
        journal.write(committed);
        journal.forgetUnused(committed);
        return new Outcome(202, committed);
    }

    Optional<Transaction> last(String bsn) throws IOException {
        return journal.last(bsn);
    }

    private Outcome apply(Transaction verified, Bundle installed) throws IOException, InterruptedException {
        Transaction t = verified.withState(Transaction.APPLYING);
        journal.write(t);
        Bundle bundle = installed;
        String failure = null;
        try (InputStream in = Files.newInputStream(journal.resolve(t.toJar()))) {
            if (bundle == null) {
                bundle = context.installBundle(LOCATION_PREFIX + t.bsn(), in);
            } else {
                bundle.update(in);
                refresh(bundle);
            }
        } catch (BundleException e) {
            // Felix restarts an active bundle within update() and reports its activator's failure from there.
            failure = (e.getType() == BundleException.ACTIVATOR_ERROR ? "it did not start: "
                    : "it did not install: ") + message(e);
        } catch (IllegalStateException e) {
            failure = "it did not install: " + message(e);
        }
        if (failure == null && bundle != null) {
            try {
                bundle.start();
            } catch (BundleException | IllegalStateException e) {
                failure = "it did not start: " + message(e);
            }
        }
        t = t.withState(Transaction.WINDOW);
        journal.write(t);
        if (failure == null) {
            failure = health.watch(bundle);
        }
        if (failure == null) {
            Transaction committed = t.committedNow(Instant.now().toString());
            journal.write(committed);
            journal.forgetUnused(committed);
            LOG.info("{} {} -> {} committed ({})", t.bsn(), t.from(), t.to(), t.action());
            return new Outcome(installed == null ? 201 : 204, committed);
        }
        String why = revert(t, bundle) + failure;
        Transaction reverted = t.revertedNow(why, Instant.now().toString());
        journal.write(reverted);
        journal.forgetUnused(reverted);
        LOG.warn("{} {} -> {}: {}", t.bsn(), t.from(), t.to(), why);
        return new Outcome(422, reverted);
    }

    /** @return how the post stands now, as the start of the reason */
    private String revert(Transaction t, Bundle bundle) {
        try {
            if (t.fromJar().isEmpty()) {
                if (bundle != null && bundle.getState() != Bundle.UNINSTALLED) {
                    bundle.uninstall();
                    refresh(bundle);
                }
                return "uninstalled again: ";
            }
            try (InputStream in = Files.newInputStream(journal.resolve(t.fromJar()))) {
                bundle.update(in);
            }
            refresh(bundle);
            bundle.start();
            return "reverted to " + t.from() + ": ";
        } catch (BundleException | IOException | RuntimeException e) {
            LOG.error("Reverting {} to {} failed; the launcher retries at the next start", t.bsn(), t.from(), e);
            return "reverting to " + t.from() + " failed (" + message(e) + "): ";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reverting to " + t.from() + ": ";
        }
    }

    /** Refreshes the bundle and what depends on it, nothing else, and waits until that is done. */
    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("Refreshing {} took more than {} s", bundle.getSymbolicName(), REFRESH_TIMEOUT_SECONDS);
        }
    }

    private Outcome refuse(String bsn, String action, String to, int code, String reason, String id,
            String startedAt, String identity) throws IOException {
        String now = Instant.now().toString();
        Bundle installed = bsn == null ? null : BundleLookup.find(context, bsn);
        Transaction last = bsn == null ? null : journal.last(bsn).orElse(null);
        Transaction refused = new Transaction(id, action, bsn == null ? "" : bsn, Transaction.REFUSED,
                installed == null ? "" : installed.getVersion().toString(), "", to == null ? "" : to, "",
                last == null ? "" : last.committed(), last == null ? "" : last.committedJar(),
                last == null ? "" : last.previous(), last == null ? "" : last.previousJar(), "", reason, startedAt, now,
                identity);
        if (bsn != null && (installed != null || last != null)) {
            journal.write(refused);
        }
        LOG.info("Refused {} of {}: {}", action, bsn == null ? "an upload" : bsn, reason);
        return new Outcome(code, refused);
    }

    /** What the post runs if this transaction never completes: the installed bundle, from its kept JAR. */
    private static String committedOf(Transaction last, Bundle installed, String fromJar) {
        if (installed == null) {
            return Transaction.ABSENT;
        }
        return fromJar.isEmpty() ? (last == null ? "" : last.committed()) : installed.getVersion().toString();
    }

    private static String committedJarOf(Transaction last, Bundle installed, String fromJar) {
        if (installed == null) {
            return "";
        }
        return fromJar.isEmpty() ? (last == null ? "" : last.committedJar()) : fromJar;
    }

    private String keep(Path jar, String bsn, Bundle bundle) {
        try {
            return journal.keep(jar, bsn, bundle.getVersion().toString());
        } catch (IOException e) {
            LOG.warn("Cannot keep the JAR of {}: {}", bsn, e.getMessage());
            return "";
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root == e ? e.getMessage() : e.getMessage() + ": " + root;
        return m == null ? e.toString() : m;
    }

    private static String newId() {
        return Long.toString(System.currentTimeMillis(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    }
}
