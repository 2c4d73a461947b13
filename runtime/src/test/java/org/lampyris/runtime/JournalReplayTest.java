package org.lampyris.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.TestJar;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;

/**
 * The launcher's replay of the bundle journal, against a real Felix with the bundle cache in each state that a kill
 * at some moment of a transaction can leave.
 */
class JournalReplayTest {
    private static final String BSN = "vendor.lamp";

    @TempDir
    Path dir;
    private Path mgmt;
    private Framework framework;
    private BundleContext context;

    @BeforeEach
    void startFramework() throws Exception {
        mgmt = dir.resolve("data/mgmt");
        Files.createDirectories(mgmt.resolve("transactions"));
        Files.createDirectories(mgmt.resolve("staging"));
        framework = new FrameworkFactory().newFramework(Map.of("org.osgi.framework.storage",
                dir.resolve("cache").toString(), "org.osgi.framework.storage.clean", "onFirstInit"));
        framework.init();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void anUpdateInterruptedAfterTheNewBundleWasInPlaceGoesBackToTheOldOne() throws Exception {
        Bundle b = install("1.0.0");
        b.update(new ByteArrayInputStream(bundleBytes("1.1.0")));
        record("update", "applying", "1.0.0", keep("1.0.0"), "1.1.0", keep("1.1.0"), "1.0.0", keep("1.0.0"));

        replay();

        assertThat(installedVersion()).isEqualTo("1.0.0");
        assertThat(record()).containsEntry("state", "reverted").containsEntry("committed", "1.0.0");
        assertThat(record().getProperty("reason")).contains("interrupted by a restart while applying; reverted to "
                + "1.0.0");
    }

    @Test
    void anUpdateInterruptedBeforeTheFrameworkWasTouchedStaysOnTheOldOne() throws Exception {
        install("1.0.0");
        record("update", "applying", "1.0.0", keep("1.0.0"), "1.1.0", keep("1.1.0"), "1.0.0", keep("1.0.0"));

        replay();

        assertThat(installedVersion()).isEqualTo("1.0.0");
        assertThat(record()).containsEntry("state", "reverted");
    }

    @Test
    void anUpdateInterruptedInItsHealthWindowGoesBackToTheOldOne() throws Exception {
        Bundle b = install("1.0.0");
        b.update(new ByteArrayInputStream(bundleBytes("1.1.0")));
        record("update", "window", "1.0.0", keep("1.0.0"), "1.1.0", keep("1.1.0"), "1.0.0", keep("1.0.0"));

        replay();

        assertThat(installedVersion()).isEqualTo("1.0.0");
        assertThat(record()).containsEntry("state", "reverted");
    }

    @Test
    void anUpdateWhoseBundleTheCacheLostIsInstalledAgainAtTheOldVersion() throws Exception {
        record("update", "applying", "1.0.0", keep("1.0.0"), "1.1.0", keep("1.1.0"), "1.0.0", keep("1.0.0"));

        replay();

        assertThat(installedVersion()).isEqualTo("1.0.0");
    }

    @Test
    void anInterruptedFreshInstallIsUninstalledAgainAndStaysAbsent() throws Exception {
        install("1.0.0");
        record("install", "window", "", "", "1.0.0", keep("1.0.0"), "absent", "");

        JournalReplay.RemoteDecisions decisions = replay();

        assertThat(installedVersion()).isNull();
        assertThat(decisions.uninstalled()).containsExactly(BSN);
        assertThat(record()).containsEntry("state", "reverted").containsEntry("committed", "absent");
    }

    @Test
    void aVerifiedUploadThatNeverReachedTheFrameworkIsRecordedAsRefused() throws Exception {
        install("1.0.0");
        record("update", "verified", "1.0.0", keep("1.0.0"), "1.1.0", keep("1.1.0"), "1.0.0", keep("1.0.0"));

        replay();

        assertThat(installedVersion()).isEqualTo("1.0.0");
        assertThat(record()).containsEntry("state", "refused");
    }

    @Test
    void aCommittedUpdateStaysAndIsReinstalledIfTheCacheLostIt() throws Exception {
        record("update", "committed", "1.0.0", keep("1.0.0"), "1.1.0", keep("1.1.0"), "1.1.0", keep("1.1.0"));

        replay();
        assertThat(installedVersion()).isEqualTo("1.1.0");
        replay();
        assertThat(installedVersion()).isEqualTo("1.1.0");
        assertThat(record()).containsEntry("state", "committed");
    }

    @Test
    void theBaseSetNeverPutsAnOlderVersionOverACommittedRemoteUpdate() throws Exception {
        Bundle b = install("1.0.0");
        b.update(new ByteArrayInputStream(bundleBytes("1.1.0")));
        record("update", "committed", "1.0.0", keep("1.0.0"), "1.1.0", keep("1.1.0"), "1.1.0", keep("1.1.0"));

        JournalReplay.RemoteDecisions decisions = replay();
        Path baseJar = Files.write(dir.resolve("base.jar"), bundleBytes("1.0.0"));
        BaseBundles.sync(context, List.of(new BaseBundles.BaseJar(baseJar, BSN, Version.parseVersion("1.0.0"),
                false)), decisions, new Log());

        assertThat(installedVersion()).isEqualTo("1.1.0");
    }

    @Test
    void aBaseBundleUninstalledRemotelyIsNotPutBackByTheBaseSet() throws Exception {
        install("1.0.0");
        record("uninstall", "committed", "1.0.0", keep("1.0.0"), "", "", "absent", "");

        JournalReplay.RemoteDecisions decisions = replay();
        Path baseJar = Files.write(dir.resolve("base.jar"), bundleBytes("1.0.0"));
        BaseBundles.sync(context, List.of(new BaseBundles.BaseJar(baseJar, BSN, Version.parseVersion("1.0.0"),
                false)), decisions, new Log());

        assertThat(installedVersion()).isNull();
    }

    @Test
    void uploadsLeftInStagingAreDeleted() throws Exception {
        Files.write(mgmt.resolve("staging/abc.jar"), new byte[] { 1, 2 });
        Files.write(mgmt.resolve("transactions/" + BSN + ".properties.tmp"), new byte[] { 3 });

        replay();

        assertThat(mgmt.resolve("staging")).isEmptyDirectory();
        assertThat(mgmt.resolve("transactions/" + BSN + ".properties.tmp")).doesNotExist();
    }

    @Test
    void theBaseSetDoesNotUndoARemoteRollbackBelowItsVersion() throws Exception {
        Bundle b = install("0.9.0");
        record("rollback", "committed", "1.1.0", keep("1.1.0"), "0.9.0", keep("0.9.0"), "0.9.0", keep("0.9.0"));
        Properties p = record();
        p.setProperty("previous", "1.1.0");
        p.setProperty("previousJar", keep("1.1.0"));
        try (OutputStream out = Files.newOutputStream(mgmt.resolve("transactions/" + BSN + ".properties"))) {
            p.store(out, null);
        }

        JournalReplay.RemoteDecisions decisions = replay();
        Path baseJar = Files.write(dir.resolve("base.jar"), bundleBytes("1.0.0"));
        BaseBundles.sync(context, List.of(new BaseBundles.BaseJar(baseJar, BSN, Version.parseVersion("1.0.0"),
                false)), decisions, new Log());
        assertThat(b.getVersion().toString()).isEqualTo("0.9.0");

        Path newerBase = Files.write(dir.resolve("newer.jar"), bundleBytes("1.2.0"));
        BaseBundles.sync(context, List.of(new BaseBundles.BaseJar(newerBase, BSN, Version.parseVersion("1.2.0"),
                false)), decisions, new Log());
        assertThat(b.getVersion().toString()).as("a newer distribution still updates it").isEqualTo("1.2.0");
    }

    private JournalReplay.RemoteDecisions replay() throws StartupException {
        return new JournalReplay(context, mgmt, new Log()).replay();
    }

    private Bundle install(String version) throws Exception {
        return context.installBundle("test:" + BSN, new ByteArrayInputStream(bundleBytes(version)));
    }

    private String installedVersion() {
        for (Bundle b : context.getBundles()) {
            if (BSN.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b.getVersion().toString();
            }
        }
        return null;
    }

    private String keep(String version) throws IOException {
        Path jar = mgmt.resolve("jars/" + BSN + "/" + version + "-0123456789abcdef.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, bundleBytes(version));
        return mgmt.relativize(jar).toString();
    }

    private void record(String action, String state, String from, String fromJar, String to, String toJar,
            String committed, String committedJar) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", "t1");
        p.setProperty("action", action);
        p.setProperty("bsn", BSN);
        p.setProperty("state", state);
        p.setProperty("from", from);
        p.setProperty("fromJar", fromJar);
        p.setProperty("to", to);
        p.setProperty("toJar", toJar);
        p.setProperty("committed", committed);
        p.setProperty("committedJar", committedJar);
        try (OutputStream out = Files.newOutputStream(mgmt.resolve("transactions/" + BSN + ".properties"))) {
            p.store(out, null);
        }
    }

    private Properties record() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(mgmt.resolve("transactions/" + BSN + ".properties"))) {
            p.load(in);
        }
        return p;
    }

    private static byte[] bundleBytes(String version) {
        return TestJar.bundle(BSN, version).entry("vendor/lamp/version.txt", version).bytes();
    }
}
