package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.lampyris.api.point.Point;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.SigningKey;
import org.lampyris.testkit.TestJar;
import org.lampyris.tests.osgi.updates.FailingComponent;
import org.lampyris.tests.osgi.updates.ThrowingActivator;
import org.lampyris.tests.osgi.updates.UnreadablePoint;
import org.lampyris.tests.osgi.updates.VersionPlugin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * Bundle transactions through the {@code bundles} management resource, called as the CoAP endpoint calls it: signed
 * bundles install, update, roll back and uninstall; a bundle that fails in its health window is reverted; every bad
 * upload is refused with its reason and leaves nothing behind. The health window here is short
 * (conf/org.lampyris.management.cfg).
 */
class BundleTransactionsTest {
    private static final String ENGINEER = "osgi-engineer";
    private static final String VENDOR = "Test vendor";

    @InjectBundleContext
    BundleContext context;

    @InjectService(filter = "(lampyris.mgmt.name=bundles)")
    ManagementResource bundles;

    private SigningKey signer;
    private String bsn;
    private final List<String> cleanUp = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        signer = developmentSigner(context);
        bsn = "vendor.test.lamp" + Long.toString(System.nanoTime(), 36);
        cleanUp.add(bsn);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Bundle b : context.getBundles()) {
            if (cleanUp.contains(b.getSymbolicName())) {
                b.uninstall();
            }
        }
    }

    @Test
    void aSignedBundleInstallsAndANewerOneUpdatesItAndBothCommit() throws Exception {
        ManagementResponse installed = request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        assertThat(installed.code()).as(installed.text()).isEqualTo(201);
        assertThat(json(installed)).containsEntry("outcome", "committed").containsEntry("to", "1.0.0");
        assertThat(versionPointReads()).isEqualTo("1.0.0");

        ManagementResponse updated = request("PUT", List.of(bsn), Map.of(), plugin("1.1.0", VersionPlugin.class));
        assertThat(updated.code()).as(updated.text()).isEqualTo(204);
        assertThat(json(updated)).containsEntry("outcome", "committed").containsEntry("from", "1.0.0")
                .containsEntry("to", "1.1.0").containsEntry("identity", ENGINEER);
        assertThat(versionPointReads()).isEqualTo("1.1.0");

        Map<String, Object> described = json(request("GET", List.of(bsn), Map.of(), new byte[0]));
        assertThat(described).containsEntry("version", "1.1.0").containsEntry("state", "ACTIVE")
                .containsEntry("signer", "Lampyris development signer").containsEntry("vendor", "Test vendor");
        assertThat(map(described.get("lastTransaction"))).containsEntry("outcome", "committed")
                .containsEntry("action", "update");
    }

    @Test
    void theListNamesEveryBundleWithItsStateAndSigner() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        ManagementResponse list = request("GET", List.of(), Map.of(), new byte[0]);
        assertThat(list.code()).isEqualTo(205);
        List<?> all = (List<?>) Json.parse(list.body());
        assertThat(all).anySatisfy(b -> assertThat(map(b)).containsEntry("symbolicName", bsn)
                .containsEntry("signer", "Lampyris development signer").containsEntry("state", "ACTIVE"));
        assertThat(all).anySatisfy(b -> assertThat(map(b)).containsEntry("symbolicName", "org.lampyris.coap")
                .containsEntry("signer", null));
    }

    @Test
    void aBundleThatThrowsInItsActivatorIsRevertedAndTheOldVersionRunsAgain() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        ManagementResponse r = request("PUT", List.of(bsn), Map.of(), plugin("1.1.0", ThrowingActivator.class));
        assertThat(r.code()).as(r.text()).isEqualTo(422);
        assertThat(json(r)).containsEntry("outcome", "reverted");
        assertThat((String) json(r).get("reason")).startsWith("reverted to 1.0.0: it did not start")
                .contains("lamp driver missing");
        assertThat(installed().getVersion().toString()).isEqualTo("1.0.0");
        assertThat(installed().getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(versionPointReads()).isEqualTo("1.0.0");
    }

    @Test
    void aBundleWhoseComponentFailsToActivateIsRevertedWithTheComponentsReason() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        String xml = "<scr:component xmlns:scr='http://www.osgi.org/xmlns/scr/v1.3.0' name='vendor.test.failing' "
                + "immediate='true' activate='activate'><implementation class='" + FailingComponent.class.getName()
                + "'/></scr:component>";
        byte[] failing = signer.sign(TestBundles.holding(bsn, "1.1.0", FailingComponent.class)
                .header("Bundle-Vendor", VENDOR).header("Service-Component", "OSGI-INF/component.xml")
                .entry("OSGI-INF/component.xml", xml).bytes());
        ManagementResponse r = request("PUT", List.of(bsn), Map.of(), failing);
        assertThat(r.code()).as(r.text()).isEqualTo(422);
        assertThat((String) json(r).get("reason")).startsWith(
                "reverted to 1.0.0: component vendor.test.failing failed to activate")
                .contains("calibration table corrupt");
        assertThat(versionPointReads()).isEqualTo("1.0.0");
    }

    @Test
    void aBundleWhosePointDoesNotAnswerIsRevertedWhenTheWindowRunsOut() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        ManagementResponse r = request("PUT", List.of(bsn), Map.of(), plugin("1.1.0", UnreadablePoint.class));
        assertThat(r.code()).as(r.text()).isEqualTo(422);
        assertThat((String) json(r).get("reason")).startsWith("reverted to 1.0.0: point /vendor/test/unreadable-")
                .contains("sensor bus timeout");
        assertThat(versionPointReads()).isEqualTo("1.0.0");
    }

    @Test
    void aFreshInstallThatFailsIsUninstalledAgain() throws Exception {
        ManagementResponse r = request("POST", List.of(), Map.of(), plugin("1.0.0", ThrowingActivator.class));
        assertThat(r.code()).as(r.text()).isEqualTo(422);
        assertThat((String) json(r).get("reason")).startsWith("uninstalled again: it did not start");
        assertThat(installedOrNull()).isNull();
    }

    @Test
    void eachBadUploadIsRefusedWithItsReasonAndLeavesNothingBehind() throws Exception {
        byte[] good = plugin("1.0.0", VersionPlugin.class);
        byte[] unsigned = unsignedPlugin("1.0.0", VersionPlugin.class);
        byte[] tampered = tamper(good);
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        byte[] stranger = SigningKey.stranger(Files.createTempDirectory("lampyris-stranger"))
                .sign(unsignedPlugin("1.0.0", VersionPlugin.class));
        byte[] notABundle = signer.sign(TestJar.plain().entry("readme.txt", "hello").bytes());
        List<String> before = managementFiles();

        assertRefused(unsigned, 400, "not signed");
        assertRefused(tampered, 400, "signature does not match the contents");
        assertRefused(truncated, 400, "not a valid JAR");
        assertRefused("just text".getBytes(StandardCharsets.UTF_8), 400, "not a valid JAR");
        assertRefused(stranger, 400, "signed by CN=Stranger, which the trust store code-signing-ca.pem does not "
                + "trust");
        assertRefused(notABundle, 400, "not an OSGi bundle");

        assertThat(installedOrNull()).isNull();
        assertThat(managementFiles()).as("nothing staged, kept or journalled").isEqualTo(before);
    }

    @Test
    void aLowerVersionIsRefusedUnlessARollbackIsAskedFor() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.1.0", VersionPlugin.class));
        byte[] older = plugin("1.0.0", VersionPlugin.class);

        ManagementResponse refused = request("PUT", List.of(bsn), Map.of(), older);
        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.text()).isEqualTo(bsn + " 1.0.0 is lower than the installed 1.1.0; ask for a rollback "
                + "(PUT with ?rollback)");
        assertThat(installed().getVersion().toString()).isEqualTo("1.1.0");
        assertThat(map(json(request("GET", List.of(bsn), Map.of(), new byte[0])).get("lastTransaction")))
                .containsEntry("outcome", "refused");

        ManagementResponse rolledBack = request("PUT", List.of(bsn), Map.of("rollback", ""), older);
        assertThat(rolledBack.code()).as(rolledBack.text()).isEqualTo(204);
        assertThat(versionPointReads()).isEqualTo("1.0.0");
    }

    @Test
    void aRollbackGoesBackToTheVersionTheLastUpdateReplacedAndBackAgain() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        request("PUT", List.of(bsn), Map.of(), plugin("1.1.0", VersionPlugin.class));

        ManagementResponse back = request("POST", List.of(bsn), Map.of(), "rollback".getBytes());
        assertThat(back.code()).as(back.text()).isEqualTo(204);
        assertThat(versionPointReads()).isEqualTo("1.0.0");
        ManagementResponse forth = request("POST", List.of(bsn), Map.of(), "rollback".getBytes());
        assertThat(forth.code()).as(forth.text()).isEqualTo(204);
        assertThat(versionPointReads()).isEqualTo("1.1.0");
    }

    @Test
    void installingAnInstalledBundleAgainIsAConflictThatPointsToTheUpdate() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        ManagementResponse again = request("POST", List.of(), Map.of(), plugin("1.1.0", VersionPlugin.class));
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.text()).contains("PUT /mgmt/bundles/" + bsn + " updates it");
    }

    @Test
    void anUpdateMustCarryTheBundleItsPathNames() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        String other = bsn + "x";
        cleanUp.add(other);
        byte[] jar = signer.sign(TestBundles.activatedBy(other, "2.0.0", VersionPlugin.class)
                .header("Bundle-Vendor", VENDOR).bytes());
        ManagementResponse r = request("PUT", List.of(bsn), Map.of(), jar);
        assertThat(r.code()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("the JAR is " + other + ", not " + bsn);
    }

    @Test
    void stopStartAndUninstallActOnPluginsButNotOnPlatformBundles() throws Exception {
        request("POST", List.of(), Map.of(), plugin("1.0.0", VersionPlugin.class));
        assertThat(request("POST", List.of(bsn), Map.of(), "stop".getBytes()).code()).isEqualTo(204);
        assertThat(installed().getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(request("POST", List.of(bsn), Map.of(), "start".getBytes()).code()).isEqualTo(204);
        assertThat(installed().getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(request("DELETE", List.of(bsn), Map.of(), new byte[0]).code()).isEqualTo(202);
        assertThat(installedOrNull()).isNull();

        for (String platform : List.of("org.lampyris.coap", "org.lampyris.failsafe", "org.lampyris.management",
                "org.apache.felix.scr")) {
            ManagementResponse delete = request("DELETE", List.of(platform), Map.of(), new byte[0]);
            assertThat(delete.code()).isEqualTo(409);
            assertThat(delete.text()).contains("is protected");
            assertThat(request("POST", List.of(platform), Map.of(), "stop".getBytes()).code()).isEqualTo(409);
            assertThat(FailSafeLightingTest.bundle(context, platform).getState()).isEqualTo(Bundle.ACTIVE);
        }
        assertThat(request("GET", List.of("no.such.bundle"), Map.of(), new byte[0]).code()).isEqualTo(404);
    }

    @Test
    void theBundlesThatCarryManagementRequestsCannotBeReplacedThroughThem() throws Exception {
        Bundle coap = FailSafeLightingTest.bundle(context, "org.lampyris.coap");
        byte[] newer = signer.sign(TestJar.of(jarOf(coap)).header("Bundle-Version", "9.0.0").bytes());
        ManagementResponse r = request("PUT", List.of("org.lampyris.coap"), Map.of(), newer);
        assertThat(r.code()).isEqualTo(409);
        assertThat(r.text()).startsWith("org.lampyris.coap carries this very request");
        assertThat(coap.getState()).isEqualTo(Bundle.ACTIVE);
    }

    private void assertRefused(byte[] upload, int code, String reason) throws Exception {
        ManagementResponse r = request("POST", List.of(), Map.of(), upload);
        assertThat(r.code()).as(r.text()).isEqualTo(code);
        assertThat(r.text()).startsWith(reason);
    }

    private byte[] plugin(String version, Class<?> plugin) throws Exception {
        return signer.sign(unsignedPlugin(version, plugin));
    }

    /** @return a bundle of the test's symbolic name whose one class is its activator, not signed */
    private byte[] unsignedPlugin(String version, Class<?> plugin) {
        return TestBundles.activatedBy(bsn, version, plugin).header("Bundle-Vendor", VENDOR).bytes();
    }

    /** @return the distribution's development signer (runtime/src/dist/conf/security), whom the post trusts */
    static SigningKey developmentSigner(BundleContext context) {
        return SigningKey.development(Path.of(context.getProperty("lampyris.conf.dir"),
                "../../../runtime/src/dist/conf/security/dev-code-signing.p12").normalize());
    }

    /** Changes one byte of the class inside a signed JAR, as a corrupted or doctored download would. */
    private static byte[] tamper(byte[] signedJar) throws Exception {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(signedJar))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith(".class")) {
                    content[content.length - 1] ^= 1;
                }
                entries.put(e.getName(), content);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private ManagementResponse request(String method, List<String> path, Map<String, String> query, byte[] body)
            throws Exception {
        return bundles.handle(new ManagementRequest(method, path, query, body, body.length == 0 ? -1 : 42,
                ENGINEER));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(ManagementResponse r) throws Exception {
        assertThat(r.contentFormat()).as(r.text()).isEqualTo(ManagementResponse.JSON);
        return (Map<String, Object>) Json.parse(r.body());
    }

    private String versionPointReads() throws Exception {
        String path = "/vendor/test/" + bsn;
        Await.until("the point " + path + " is registered", () -> pointRef(path) != null);
        ServiceReference<Point> ref = pointRef(path);
        Point point = context.getService(ref);
        try {
            return point.read().text();
        } finally {
            context.ungetService(ref);
        }
    }

    private ServiceReference<Point> pointRef(String path) {
        try {
            return context.getServiceReferences(Point.class, "(lampyris.point.path=" + path + ")").stream()
                    .findFirst().orElse(null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** @return the JAR the test launcher installed the bundle from */
    static Path jarOf(Bundle bundle) {
        String location = bundle.getLocation().replaceFirst("^reference:", "");
        return location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
    }

    private Bundle installed() {
        return FailSafeLightingTest.bundle(context, bsn);
    }

    private Bundle installedOrNull() {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** The management bundle's directory: lampyris.data.dir is not set here, so its own data area holds it. */
    private List<String> managementFiles() throws Exception {
        Bundle management = FailSafeLightingTest.bundle(context, "org.lampyris.management");
        Path storage = Path.of(context.getProperty("org.osgi.framework.storage"));
        Path dir = storage.resolve("bundle" + management.getBundleId()).resolve("data").resolve("mgmt");
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }
}
