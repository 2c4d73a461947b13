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
    void updatesCutShortOneAfterAnotherLeaveNoJarsBehindButThoseTheLastRecordNames() throws Exception {
        Bundle b = install("1.0.0");
        String earlier = keep("1.1.0"); // the new JAR of an update cut short before this one, which nothing names now
        b.update(new ByteArrayInputStream(bundleBytes("1.2.0")));
        record("update", "applying", "1.0.0", keep("1.0.0"), "1.2.0", keep("1.2.0"), "1.0.0", keep("1.0.0"));

        replay();

        assertThat(mgmt.resolve(earlier)).as("a JAR no transaction needs").doesNotExist();
        assertThat(mgmt.resolve(record().getProperty("fromJar"))).as("the JAR the post runs").exists();
        try (var jars = Files.list(mgmt.resolve("jars/" + BSN))) {
            assertThat(jars.count()).as("the old and the new JAR of the last transaction").isEqualTo(2);
        }
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
    void aReinstallOfARemotelyUninstalledBaseBundleKilledBeforeItWasAppliedLeavesTheBundleUninstalled()
            throws Exception {
        // The engineer uninstalled the base bundle, then asked to install it again; the post died at "verified".
        record("install", "verified", "", "", "1.0.0", keep("1.0.0"), "absent", "");

        JournalReplay.RemoteDecisions decisions = replay();
        syncBaseSet("1.0.0", decisions);

        assertThat(decisions.uninstalled()).containsExactly(BSN);
        assertThat(installedVersion()).as("the base set does not put back what the engineer uninstalled").isNull();
        assertThat(record()).containsEntry("state", "refused").containsEntry("committed", "absent");
    }

    @Test
    void anUpdateKilledBeforeItWasAppliedStillKeepsTheBaseSetFromUndoingARemoteRollback() throws Exception {
        Bundle b = install("0.9.0");
        record("update", "verified", "0.9.0", keep("0.9.0"), "0.9.5", keep("0.9.5"), "0.9.0", keep("0.9.0"));
        recordPrevious("1.1.0");

        JournalReplay.RemoteDecisions decisions = replay();
        syncBaseSet("1.0.0", decisions);

        assertThat(decisions.highestRemote()).containsEntry(BSN, Version.parseVersion("1.1.0"));
        assertThat(b.getVersion().toString()).isEqualTo("0.9.0");
    }

    @Test
    void anUnreadableRecordIsLeftAsItIsAndTheOthersStillReplay() throws Exception {
        Files.writeString(mgmt.resolve("transactions/other.bundle.properties"), "state=half\n");
        record("update", "committed", "1.0.0", keep("1.0.0"), "1.1.0", keep("1.1.0"), "1.1.0", keep("1.1.0"));

        replay();

        assertThat(installedVersion()).isEqualTo("1.1.0");
        assertThat(mgmt.resolve("transactions/other.bundle.properties")).hasContent("state=half\n");
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
        syncBaseSet("1.0.0", decisions);

        assertThat(installedVersion()).isEqualTo("1.1.0");
    }

    @Test
    void aBaseBundleUninstalledRemotelyIsNotPutBackByTheBaseSet() throws Exception {
        install("1.0.0");
        record("uninstall", "committed", "1.0.0", keep("1.0.0"), "", "", "absent", "");

        JournalReplay.RemoteDecisions decisions = replay();
        syncBaseSet("1.0.0", decisions);

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
        recordPrevious("1.1.0");

        JournalReplay.RemoteDecisions decisions = replay();
        syncBaseSet("1.0.0", decisions);
        assertThat(b.getVersion().toString()).isEqualTo("0.9.0");

        syncBaseSet("1.2.0", decisions);
        assertThat(b.getVersion().toString()).as("a newer distribution still updates it").isEqualTo("1.2.0");
    }

    /** Brings the distribution's base set, this one version of the bundle, into the framework as a boot does. */
    private void syncBaseSet(String version, JournalReplay.RemoteDecisions decisions) throws Exception {
        Path baseJar = Files.write(dir.resolve("base-" + version + ".jar"), bundleBytes(version));
        BaseBundles.sync(context, List.of(new BaseBundles.BaseJar(baseJar, BSN, Version.parseVersion(version),
                false)), decisions, new Log());
    }

    /** Sets the version a rollback of the recorded transaction goes back to. */
    private void recordPrevious(String version) throws IOException {
        Properties p = record();
        p.setProperty("previous", version);
        p.setProperty("previousJar", keep(version));
        try (OutputStream out = Files.newOutputStream(mgmt.resolve("transactions/" + BSN + ".properties"))) {
            p.store(out, null);
        }
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
