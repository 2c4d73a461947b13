package org.lampyris.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;

/**
 * Finishes what the last run of the controller left of remote bundle transactions, before any bundle starts. The
 * management bundle journals each transaction in {@code <data dir>/mgmt/transactions/<bsn>.properties} (format
 * documented in org.lampyris.management.bundles.Transaction; read here with a few lines, so that the launcher does
 * not depend on the bundle):
 * <ul>
 * <li>{@code verified}: nothing was applied; the record becomes {@code refused};</li>
 * <li>{@code applying} or {@code window}: the framework may hold the new bundle, the old one or a mix; the bundle is
 * put back to {@code from} from its kept JAR (uninstalled when it was a fresh install) and the record becomes
 * {@code reverted};</li>
 * <li>settled ({@code committed}, {@code reverted}, {@code refused}): the post must run {@code committed}: absent
 * bundles are reinstalled from {@code committedJar}; {@code absent} ones are uninstalled and kept out of the base
 * set.</li>
 * </ul>
 * Uploads still in {@code staging/} and temporary files are deleted.
 */
final class JournalReplay {
    static final String LOCATION_PREFIX = "lampyris:mgmt:";
    static final String ABSENT = "absent";

    private final BundleContext context;
    private final Path dir;
    private final Log log;

    JournalReplay(BundleContext context, Path mgmtDir, Log log) {
        this.context = context;
        this.dir = mgmtDir;
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
        Set<String> absent = new HashSet<>();
        Map<String, Version> highest = new HashMap<>();
        RemoteDecisions decisions = new RemoteDecisions(absent, highest);
        Path transactions = dir.resolve("transactions");
        if (!Files.isDirectory(transactions)) {
            return decisions;
        }
        try {
            deleteAll(dir.resolve("staging"), "*");
            deleteAll(transactions, "*.tmp");
            try (DirectoryStream<Path> records = Files.newDirectoryStream(transactions, "*.properties")) {
                for (Path record : records) {
                    replay(record, absent, highest);
                }
            }
        } catch (IOException | BundleException e) {
            throw new StartupException("cannot replay the bundle journal in " + dir + ": " + e.getMessage(), e);
        }
        return decisions;
    }

    private void replay(Path file, Set<String> absent, Map<String, Version> highest)
            throws IOException, BundleException {
        Properties t = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            t.load(in);
        }
        String bsn = t.getProperty("bsn", "");
        String state = t.getProperty("state", "");
        String from = t.getProperty("from", "");
        Bundle installed = BaseBundles.find(context, bsn);
        switch (state) {
        case "verified" -> {
            finish(file, t, "refused", "interrupted by a restart before it was applied");
            return;
        }
        case "applying", "window" -> {
            String fromJar = t.getProperty("fromJar", "");
            if (from.isEmpty()) {
                if (installed != null) {
                    installed.uninstall();
                }
                t.setProperty("committed", ABSENT);
                finish(file, t, "reverted", "interrupted by a restart while " + state + "; uninstalled again");
            } else if (!fromJar.isEmpty() && Files.isRegularFile(dir.resolve(fromJar))) {
                put(bsn, installed, dir.resolve(fromJar));
                finish(file, t, "reverted", "interrupted by a restart while " + state + "; reverted to " + from);
            } else {
                finish(file, t, "reverted", "interrupted by a restart while " + state + "; " + from
                        + " had no kept JAR to go back to");
            }
            log.info("Bundle journal: " + bsn + " " + t.getProperty("reason"));
        }
        default -> {
            String committed = t.getProperty("committed", "");
            String committedJar = t.getProperty("committedJar", "");
            if (committed.equals(ABSENT)) {
                if (installed != null) {
                    log.info("Bundle journal: " + bsn + " was uninstalled remotely; uninstalling it again");
                    installed.uninstall();
                }
            } else if (installed == null && !committed.isEmpty() && !committedJar.isEmpty()
                    && Files.isRegularFile(dir.resolve(committedJar))) {
                log.info("Bundle journal: " + bsn + " " + committed + " is missing from the bundle cache; "
                        + "installing it again");
                put(bsn, null, dir.resolve(committedJar));
            }
        }
        }
        if (ABSENT.equals(t.getProperty("committed"))) {
            absent.add(bsn);
        }
        for (String key : new String[] { "committed", "previous" }) {
            String v = t.getProperty(key, "");
            if (!v.isEmpty() && !v.equals(ABSENT) && !t.getProperty(key + "Jar", "").isEmpty()) {
                try {
                    highest.merge(bsn, Version.parseVersion(v), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                } catch (IllegalArgumentException e) {
                    // not a version: nothing to protect
                }
            }
        }
    }

    private void put(String bsn, Bundle installed, Path jar) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(jar)) {
            if (installed == null) {
                context.installBundle(LOCATION_PREFIX + bsn, in);
            } else {
                installed.update(in);
            }
        }
    }

    private void finish(Path file, Properties t, String state, String reason) throws IOException {
        t.setProperty("state", state);
        t.setProperty("reason", reason);
        t.setProperty("finishedAt", Instant.now().toString());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            t.store(out, "Lampyris bundle transaction");
            out.flush();
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every file system forces directories; the rename is atomic all the same
        }
    }

    private static void deleteAll(Path folder, String glob) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }
}
