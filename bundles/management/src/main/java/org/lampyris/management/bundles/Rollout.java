package org.lampyris.management.bundles;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.lampyris.internal.journal.BundleCache;
import org.lampyris.internal.journal.FrameworkSteps;
import org.lampyris.internal.journal.Journal;
import org.lampyris.internal.journal.Release;
import org.lampyris.internal.journal.Transaction;
import org.lampyris.internal.journal.TransactionState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a verified transaction through the framework: applies its JAR, starts it, watches it through its health
 * window, and commits it, or goes back to what it replaced. Each step is journalled before the framework is touched,
 * so that the launcher can finish a transaction a kill interrupted, and the bundle's archive in the framework's cache
 * is forced to the storage before the outcome is answered, so that the post comes back from a power cut as it was
 * answered, without a reinstall.
 */
final class Rollout {
    private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);
    private static final long REFRESH_TIMEOUT_SECONDS = 60;

    private final BundleContext context;
    private final Journal journal;
    private final FrameworkSteps steps;
    private final HealthWindow health;
    private final BundleCache cache;

    Rollout(BundleContext context, Journal journal, HealthWindow health, BundleCache cache) {
        this.context = context;
        this.journal = journal;
        this.steps = new FrameworkSteps(context, journal);
        this.health = health;
        this.cache = cache;
    }

    /**
     * @param verified journalled as verified, its {@code to} kept
     * @param installed the bundle it replaces, {@code null} for an install
     */
    Outcome apply(Transaction verified, Bundle installed) throws IOException, InterruptedException {
        Transaction t = verified.withState(TransactionState.APPLYING);
        journal.write(t);
        Bundle bundle = installed;
        String failure = null;
        try {
            bundle = steps.put(t.bsn(), installed, journal.resolve(t.to().flatMap(Release::jar).orElseThrow()));
            if (installed != null) {
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
        t = t.withState(TransactionState.WINDOW);
        journal.write(t);
        if (failure == null) {
            failure = health.watch(bundle);
        }
        if (failure == null) {
            cache.force(bundle);
            Transaction committed = t.committedAt(Instant.now());
            journal.write(committed);
            journal.forgetUnused(committed);
            LOG.info("{} {} -> {} committed ({})", t.bsn(), version(t.from()), version(t.to()), t.action().text());
            return new Outcome(installed == null ? Outcome.Ending.INSTALLED : Outcome.Ending.REPLACED, committed);
        }
        String why = revert(t, bundle) + failure;
        if (bundle != null) {
            cache.force(bundle);
        }
        Transaction reverted = t.settledAt(TransactionState.REVERTED, why, Instant.now());
        journal.write(reverted);
        journal.forgetUnused(reverted);
        LOG.warn("{} {} -> {}: {}", t.bsn(), version(t.from()), version(t.to()), why);
        return new Outcome(Outcome.Ending.REVERTED, reverted);
    }

    /** Uninstalls a bundle, journalled as {@code applying} before. */
    Outcome uninstall(Transaction applying, Bundle bundle) throws IOException, InterruptedException {
        journal.write(applying);
        try {
            bundle.uninstall();
            refresh(bundle);
            cache.force(bundle);
        } catch (BundleException e) {
            Transaction reverted = applying.settledAt(TransactionState.REVERTED,
                    "could not uninstall: " + e.getMessage(), Instant.now());
            journal.write(reverted);
            return new Outcome(Outcome.Ending.STILL_INSTALLED, reverted);
        }
        Transaction committed = applying.committedAt(Instant.now());
        journal.write(committed);
        journal.forgetUnused(committed);
        return new Outcome(Outcome.Ending.UNINSTALLED, committed);
    }

    /** @return how the post stands now, as the start of the reason */
    private String revert(Transaction t, Bundle bundle) {
        String from = version(t.from());
        boolean wasInstalled = bundle != null && bundle.getState() != Bundle.UNINSTALLED;
        try {
            switch (steps.revert(t, bundle)) {
            case UNINSTALLED:
                if (wasInstalled) {
                    refresh(bundle);
                }
                return "uninstalled again: ";
            case PUT_BACK:
                refresh(bundle);
                bundle.start();
                return "reverted to " + from + ": ";
            default:
                LOG.error("Reverting {} to {} failed: no kept JAR of it", t.bsn(), from);
                return "reverting to " + from + " failed (no kept JAR of it): ";
            }
        } catch (BundleException | IOException | RuntimeException e) {
            LOG.error("Reverting {} to {} failed; the launcher retries at the next start", t.bsn(), from, e);
            return "reverting to " + from + " failed (" + message(e) + "): ";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reverting to " + from + ": ";
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

    /** @return the version of a release, "" for none, as the log and the reasons print it */
    static String version(Optional<Release> release) {
        return release.map(Release::version).orElse("");
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root == e ? e.getMessage() : e.getMessage() + ": " + root;
        return m == null ? e.toString() : m;
    }
}
