package org.lampyris.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.lampyris.internal.journal.FrameworkSteps;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * The base bundle set of the distribution (its {@code bundles/} folder, resolved at build time from
 * {@code bnd/lampyris.bndrun}) brought into the persistent bundle cache. A base bundle is installed when absent and
 * updated only when the distribution carries a strictly newer version: a restart never puts an older base bundle back
 * over a newer one that was installed remotely, nor undoes a remote rollback (it must be newer than every version the
 * bundle ran at remotely), and never reinstalls one that an engineer uninstalled remotely.
 */
final class BaseBundles {
    static final String LOCATION_PREFIX = "lampyris:base:";

    private BaseBundles() {
    }

    /** A bundle JAR of the distribution. */
    record BaseJar(Path file, String symbolicName, Version version, boolean fragment) {
    }

    static List<BaseJar> scan(Path folder) throws StartupException {
        List<BaseJar> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path file : stream) {
                try (JarFile jar = new JarFile(file.toFile())) {
                    Manifest mf = jar.getManifest();
                    String bsn = mf == null ? null : mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
                    if (bsn == null) {
                        throw new StartupException(file + " is not an OSGi bundle");
                    }
                    String version = mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
                    boolean fragment = mf.getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
                    jars.add(new BaseJar(file, bsn.split(";")[0].trim(), Version.parseVersion(version), fragment));
                }
            }
        } catch (IOException e) {
            throw new StartupException("cannot read the bundles in " + folder + ": " + e.getMessage(), e);
        }
        if (jars.isEmpty()) {
            throw new StartupException("no bundles in " + folder + "; is this a built distribution?");
        }
        jars.sort((a, b) -> a.symbolicName().compareTo(b.symbolicName()));
        return jars;
    }

    /**
     * Installs or updates the base bundles in the framework's cache.
     *
     * @return the bundles of the base set, as installed now
     */
    static List<Bundle> sync(BundleContext context, List<BaseJar> jars, JournalReplay.RemoteDecisions remote,
            Log log) throws StartupException {
        List<Bundle> result = new ArrayList<>();
        for (BaseJar jar : jars) {
            if (remote.uninstalled().contains(jar.symbolicName())) {
                continue;
            }
            Version highestRemote = remote.highestRemote().get(jar.symbolicName());
            Bundle installed = FrameworkSteps.find(context, jar.symbolicName());
            try (InputStream in = Files.newInputStream(jar.file())) {
                if (installed == null) {
                    result.add(context.installBundle(LOCATION_PREFIX + jar.symbolicName(), in));
                } else if (jar.version().compareTo(installed.getVersion()) > 0
                        && (highestRemote == null || jar.version().compareTo(highestRemote) > 0)) {
                    log.info("Updating " + jar.symbolicName() + " " + installed.getVersion() + " -> "
                            + jar.version());
                    installed.update(in);
                    result.add(installed);
                } else {
                    result.add(installed);
                }
            } catch (IOException | BundleException e) {
                throw new StartupException("cannot install " + jar.file().getFileName() + ": " + e.getMessage(), e);
            }
        }
        return result;
    }
}
