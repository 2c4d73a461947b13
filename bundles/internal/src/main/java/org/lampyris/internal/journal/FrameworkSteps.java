package org.lampyris.internal.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * What a bundle transaction does to the framework, the same whether the management bundle applies it or the launcher
 * finishes it at boot: put a kept JAR in place, or go back to what the transaction replaced. Refreshing and starting
 * are the caller's: the launcher runs these before the framework starts.
 */
public final class FrameworkSteps {
    /** The location of bundles installed remotely, followed by their symbolic name. */
    public static final String LOCATION_PREFIX = "lampyris:mgmt:";

    /** How a transaction went back to what it replaced. */
    public enum Revert {
        /** It was a fresh install: the bundle is uninstalled again. */
        UNINSTALLED,
        /** The bundle is back at {@code from}, from its kept JAR. */
        PUT_BACK,
        /** {@code from} has no kept JAR to go back to: the framework is left as it is. */
        NO_KEPT_JAR
    }

    private final BundleContext context;
    private final Journal journal;

    public FrameworkSteps(BundleContext context, Journal journal) {
        this.context = context;
        this.journal = journal;
    }

    /** @return the installed bundle of that symbolic name, {@code null} when there is none */
    public static Bundle find(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        return null;
    }

    /** @return the installed bundle of that symbolic name, {@code null} when there is none */
    public Bundle find(String symbolicName) {
        return find(context, symbolicName);
    }

    /**
     * Puts a JAR in place: installed as a remotely managed bundle when {@code installed} is {@code null}, else as an
     * update of it.
     *
     * @return the bundle now installed from it
     */
    public Bundle put(String bsn, Bundle installed, Path jar) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(jar)) {
            if (installed == null) {
                return context.installBundle(LOCATION_PREFIX + bsn, in);
            }
            installed.update(in);
            return installed;
        }
    }

    /**
     * Goes back to what the transaction replaced: uninstalls a fresh install, else puts the kept JAR of {@code from}
     * in place (installing it again if the bundle is gone).
     *
     * @param bundle the bundle as the transaction left it, {@code null} if none is installed
     */
    public Revert revert(Transaction t, Bundle bundle) throws IOException, BundleException {
        if (t.from().isEmpty()) {
            if (bundle != null && bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
            return Revert.UNINSTALLED;
        }
        Optional<Path> jar = journal.jarOf(t.from().get());
        if (jar.isEmpty()) {
            return Revert.NO_KEPT_JAR;
        }
        put(t.bsn(), bundle, jar.get());
        return Revert.PUT_BACK;
    }
}
