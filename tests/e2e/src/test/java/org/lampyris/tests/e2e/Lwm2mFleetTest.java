package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.testkit.TestCertificates;

/**
 * A city's fleet managed by a standard LwM2M server (Eclipse Leshan's server library, with no Lampyris code): lamp
 * posts started from the distribution register with it, and the server reads and steers their lights through the
 * uCIFI objects, observes their sensors, and installs plugin bundles through Software Management (object 9), over
 * plain CoAP and over DTLS with a pre-shared key.
 */
class Lwm2mFleetTest {
    private static Lwm2mServer server;
    private static CoapTestClient coap;
    private final List<LampPost> posts = new ArrayList<>();
    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws Exception {
        server = new Lwm2mServer();
        coap = CoapTestClient.withPsk(LampPost.ENGINEER);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (coap != null) {
            coap.close();
        }
    }

    @AfterEach
    void stopPosts() throws Exception {
        for (LampPost post : posts) {
            post.close();
        }
    }

    private LampPost start(String id, String... options) throws Exception {
        LampPost post = LampPost.start(id, work.resolve(id), options);
        posts.add(post);
        return post;
    }

    @Test
    void aPostRegistersAndTheServerReadsAndSteersItsLampWithinTheSameLimits() throws Exception {
        LampPost post = start("lw-lamp", "--lwm2m-server", server.coapUri());
        Registration r = server.awaitRegistration("lw-lamp", reg -> Lwm2mServer.lists(reg, "/3416/0"),
                Duration.ofSeconds(60));
        assertThat(r.getObjectLinks()).extracting(l -> l.getUriReference())
                .contains("/3/0", "/9/0", "/3416/0", "/3418/0", "/3428/0", "/3434/0");

        assertThat(string(server.send("lw-lamp", new ReadRequest(3, 0, 2)))).as("serial number").isEqualTo("lw-lamp");
        assertThat(string(server.send("lw-lamp", new ReadRequest(3, 0, 0)))).isEqualTo("Lampyris");
        assertThat(string(server.send("lw-lamp", new ReadRequest(3, 0, 3)))).as("firmware: the platform version")
                .matches("\\d+\\.\\d+\\.\\d+");

        long before = (Long) value(server.send("lw-lamp", new ReadRequest(3416, 0, 3)));
        assertThat(before).isEqualTo(Math.round(Double.parseDouble(plain(post, "/light/level"))));

        WriteResponse set = server.send("lw-lamp", new WriteRequest(3416, 0, 1, 40L));
        assertThat(set.getCode()).as(set.getErrorMessage()).isEqualTo(ResponseCode.CHANGED);
        awaitPlain(post, "/light/level", "40", "the lamp follows the LwM2M command");
        assertThat(value(server.send("lw-lamp", new ReadRequest(3416, 0, 3)))).isEqualTo(40L);
        assertThat(value(server.send("lw-lamp", new ReadRequest(3418, 0, 35)))).as("electrical monitor")
                .isEqualTo(40L);

        WriteResponse absurd = server.send("lw-lamp", new WriteRequest(3416, 0, 1, 150L));
        assertThat(absurd.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(absurd.getErrorMessage()).as("the plugin's reason, as a CoAP client gets it").contains("100");
        assertThat(plain(post, "/light/level")).as("a refused write changes nothing").isEqualTo("40");

        WriteResponse readOnly = server.send("lw-lamp", new WriteRequest(3416, 0, 3, 10L));
        assertThat(readOnly.getCode()).as("the dimming level in force is read-only")
                .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(readOnly.getErrorMessage()).as("a refusal says why").contains("/3416/0/3").contains("read-only");

        double pm25 = Double.parseDouble(plain(post, "/air/pm25"));
        assertThat((Double) value(server.send("lw-lamp", new ReadRequest(3428, 0, 3)))).as("PM2.5")
                .isCloseTo(pm25, org.assertj.core.data.Offset.offset(5.0));

        // Device Reboot: the platform restarts in its process and registers again, lamp answering.
        String registration = server.awaitRegistration("lw-lamp").getId();
        ExecuteResponse reboot = server.send("lw-lamp", new ExecuteRequest(3, 0, 4));
        assertThat(reboot.isSuccess()).as(reboot.getErrorMessage()).isTrue();
        server.awaitRegistration("lw-lamp", reg -> !reg.getId().equals(registration) && Lwm2mServer.lists(reg, "/3416/0"),
                Duration.ofSeconds(60));
        assertThat(post.process().isAlive()).isTrue();
        assertThat(post.log()).contains("restarts its platform, as asked");
        assertThat(server.send("lw-lamp", new ReadRequest(3416, 0, 3)).isSuccess()).isTrue();
        assertThat(code(post, "/light/level")).isEqualTo(CoAP.ResponseCode.CONTENT);

        // While no lighting plugin holds the lamp, an integrator and the server still see the level it is held at.
        engineerPost(coap, post, "/mgmt/bundles/org.lampyris.dimming", "stop");
        awaitPlain(post, "/light/level", "100", "the platform answers the fail-safe level");
        CoapClient level = coap.client(post.uri("/light/level"));
        CoapResponse put = level.put("30", MediaTypeRegistry.TEXT_PLAIN);
        level.shutdown();
        assertThat(put.getCode()).as("read-only while the fail-safe holds the lamp")
                .isEqualTo(CoAP.ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(put.getResponseText()).contains("no lighting plugin holds the luminaire");
        assertThat(value(server.send("lw-lamp", new ReadRequest(3416, 0, 3)))).as("/3416/0/3 while held")
                .isEqualTo(100L);
        WriteResponse command = server.send("lw-lamp", new WriteRequest(3416, 0, 1, 30L));
        assertThat(command.getCode()).as("no command while held").isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(command.getErrorMessage()).contains("no lighting plugin holds the luminaire");
        assertThat(plain(post, "/light/level")).as("a refused command changes nothing").isEqualTo("100");

        engineerPost(coap, post, "/mgmt/bundles/org.lampyris.dimming", "start");
        await(() -> server.send("lw-lamp", new WriteRequest(3416, 0, 1, 40L)).isSuccess(),
                "the dimming plugin takes commands again");
        awaitPlain(post, "/light/level", "40", "the lamp follows the LwM2M command again");
    }

    @Test
    void softwareManagementInstallsASignedPluginAndRefusesAnUnsignedOne() throws Exception {
        LampPost post = start("lw-sw", "--lwm2m-server", server.coapUri());
        server.awaitRegistration("lw-sw", reg -> Lwm2mServer.lists(reg, "/3434/0"), Duration.ofSeconds(60));
        int counting = instanceOf("lw-sw", "org.lampyris.counting");

        ExecuteResponse uninstall = server.send("lw-sw", new ExecuteRequest(9, counting, 6));
        assertThat(uninstall.isSuccess()).as(uninstall.getErrorMessage()).isTrue();
        awaitCode(post, "/count/presence", CoAP.ResponseCode.NOT_FOUND);
        server.awaitRegistration("lw-sw", reg -> !Lwm2mServer.lists(reg, "/3434/0")
                && !Lwm2mServer.lists(reg, "/9/" + counting), Duration.ofSeconds(30));

        // The distribution's own JAR is not signed: refused at verification, nothing installed.
        byte[] unsigned = Files.readAllBytes(SignedJars.baseJar("org.lampyris.counting"));
        WriteResponse written = server.send("lw-sw", new WriteRequest(9, 0, 2, unsigned));
        assertThat(written.isSuccess()).as(written.getErrorMessage()).isTrue();
        awaitLong("lw-sw", 9, 0, 9, 53L, "integrity check failure (53) for an unsigned package");
        assertThat(value(server.send("lw-sw", new ReadRequest(9, 0, 7)))).as("back to INITIAL").isEqualTo(0L);
        assertThat(string(server.send("lw-sw", new ReadRequest(9, 0, 16)))).contains("not signed");
        ExecuteResponse installUnsigned = server.send("lw-sw", new ExecuteRequest(9, 0, 4));
        assertThat(installUnsigned.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(code(post, "/count/presence")).isEqualTo(CoAP.ResponseCode.NOT_FOUND);

        // Signed by the city's development signer: delivered, installed, its points served.
        byte[] signed = SignedJars.release(SignedJars.baseJar("org.lampyris.counting"), "7.0.0");
        assertThat(server.send("lw-sw", new WriteRequest(9, 0, 2, signed)).isSuccess()).isTrue();
        awaitLong("lw-sw", 9, 0, 7, 3L, "DELIVERED (3) once verified");
        assertThat(string(server.send("lw-sw", new ReadRequest(9, 0, 0)))).isEqualTo("org.lampyris.counting");
        ExecuteResponse install = server.send("lw-sw", new ExecuteRequest(9, 0, 4));
        assertThat(install.isSuccess()).as(install.getErrorMessage()).isTrue();
        awaitLong("lw-sw", 9, 0, 7, 4L, "INSTALLED (4) after the health window");
        assertThat(value(server.send("lw-sw", new ReadRequest(9, 0, 9)))).as("successfully installed")
                .isEqualTo(2L);
        awaitCode(post, "/count/presence", CoAP.ResponseCode.CONTENT);
        Registration after = server.awaitRegistration("lw-sw", reg -> Lwm2mServer.lists(reg, "/3434/0"),
                Duration.ofSeconds(30));
        int reinstalled = instanceOf("lw-sw", "org.lampyris.counting");
        assertThat(string(server.send("lw-sw", new ReadRequest(9, reinstalled, 1)))).isEqualTo("7.0.0");
        assertThat(after.getObjectLinks()).extracting(l -> l.getUriReference()).contains("/9/" + reinstalled);

        // Uninstalling the lighting plugin leaves the lamp at its fail-safe level, not dark.
        int dimming = instanceOf("lw-sw", "org.lampyris.dimming");
        assertThat(server.send("lw-sw", new ExecuteRequest(9, dimming, 6)).isSuccess()).isTrue();
        awaitCode(post, "/light/power", CoAP.ResponseCode.NOT_FOUND);
        awaitPlain(post, "/light/level", "100", "the platform answers the level the fail-safe holds");
        String health = engineerGet(coap, post, "/mgmt/health");
        assertThat(health).contains("\"failSafe\":{\"engaged\":true").contains("\"level\":100");
        assertThat(value(server.send("lw-sw", new ReadRequest(3416, 0, 4)))).as("fail-safe level").isEqualTo(100L);
        assertThat(value(server.send("lw-sw", new ReadRequest(3416, 0, 3)))).as("the level it holds, in sight")
                .isEqualTo(100L);
    }

    @Test
    void threePostsRegisterAndTheServerObservesAPeopleCounter() throws Exception {
        // Simulated time runs fast at a busy hour, so that road users come and go within seconds.
        String[] fast = { "--clock-speed", "200", "--clock-start", "2026-12-07T17:30:00Z" };
        for (int i = 1; i <= 3; i++) {
            List<String> options = new ArrayList<>(List.of("--lwm2m-server", server.coapUri()));
            options.addAll(List.of(fast));
            start("lw-street-" + i, options.toArray(String[]::new));
        }
        for (int i = 1; i <= 3; i++) {
            String endpoint = "lw-street-" + i;
            server.awaitRegistration(endpoint);
            assertThat(string(server.send(endpoint, new ReadRequest(3, 0, 2)))).isEqualTo(endpoint);
            assertThat(server.send(endpoint, new ReadRequest(3416, 0, 3)).isSuccess()).isTrue();
        }
        server.notifications.clear();
        ObserveResponse observe = server.send("lw-street-2", new ObserveRequest(3434, 0, 1));
        assertThat(observe.isSuccess()).as(observe.getErrorMessage()).isTrue();
        ObserveResponse notification = server.notifications.poll(60, TimeUnit.SECONDS);
        assertThat(notification).as("a notification of /3434/0/1 within 60 s").isNotNull();
        assertThat(notification.getContent()).isInstanceOf(LwM2mSingleResource.class);
        assertThat(((LwM2mSingleResource) notification.getContent()).getId()).isEqualTo(1);
    }

    @Test
    void aPostRegistersAndAnswersOverDtlsWithAPreSharedKey() throws Exception {
        LampPost post = start("lw-psk");
        byte[] key = HexFormat.of().parseHex("4c616d7079726973206c776d326d2121");
        server.allowPsk("lw-psk", "lw-psk-identity", key);
        String config = "{\"server.uri\":\"" + server.coapsUri() + "\",\"security.mode\":\"PSK\","
                + "\"psk.identity\":\"lw-psk-identity\",\"psk.key\":\"" + HexFormat.of().formatHex(key) + "\"}";
        // A configuration the client could not start with is refused, and nothing changes.
        assertRefused(post, "{\"server.uri\":\"" + server.coapsUri() + "\",\"security.mode\":\"PSK\"}",
                "security.mode PSK needs psk.identity and psk.key");
        assertRefused(post, "{\"server.uri\":\"" + server.coapUri() + "\",\"security.mode\":\"PSK\"}",
                "does not go with " + server.coapUri());
        assertThat(engineerGet(coap, post, "/mgmt/config/org.lampyris.lwm2m")).contains("\"server.uri\":\"\"");
        configure(coap, post, config);
        assertThat(engineerGet(coap, post, "/mgmt/config/org.lampyris.lwm2m")).as("the key is a secret")
                .contains("(hidden)").doesNotContain(HexFormat.of().formatHex(key));
        Registration r = server.awaitRegistration("lw-psk");
        assertThat(r.getClientTransportData().toString()).as("registered over DTLS as the PSK identity")
                .contains("lw-psk-identity");
        assertThat(value(server.send("lw-psk", new ReadRequest(3416, 0, 3)))).isInstanceOf(Long.class);
        assertThat(string(server.send("lw-psk", new ReadRequest(3, 0, 2)))).isEqualTo("lw-psk");
    }

    @Test
    void aPostRegistersOverDtlsWithItsCertificate() throws Exception {
        Path keys = Files.createDirectories(work.resolve("x509"));
        TestCertificates.Issued ca = TestCertificates.authority(keys, "Test city CA");
        TestCertificates.Issued client = ca.issue(keys, "lw-x509", "clientAuth", null);
        TestCertificates.Issued serverCert = ca.issue(keys, "localhost", "serverAuth,clientAuth", "ip:127.0.0.1");
        Path credentials = keys.resolve("post.pem");
        Files.writeString(credentials, client.privateKeyPem() + client.certificatePem());
        Path serverPem = keys.resolve("server.pem");
        Files.writeString(serverPem, serverCert.certificatePem());

        try (Lwm2mServer secure = Lwm2mServer.withCertificate(serverCert.privateKey(), serverCert.certificate(),
                ca.certificate())) {
            secure.allowCertificate("lw-x509");
            LampPost post = start("lw-x509");
            String config = "{\"server.uri\":\"" + secure.coapsUri() + "\",\"security.mode\":\"X509\","
                    + "\"x509.credentials\":\"" + credentials + "\",\"x509.server.certificate\":\"" + serverPem
                    + "\"}";
            configure(coap, post, config);
            Registration r = secure.awaitRegistration("lw-x509");
            assertThat(r.getClientTransportData().toString()).as("registered with its certificate")
                    .contains("lw-x509");
            assertThat(string(secure.send("lw-x509", new ReadRequest(3, 0, 2)))).isEqualTo("lw-x509");
        }
    }

    @Test
    void aPostRegistersAgainWhenItsServerComesBack() throws Exception {
        int port = LampPost.freePort();
        Lwm2mServer first = new Lwm2mServer(port);
        LampPost post;
        try {
            post = start("lw-back", "--lwm2m-server", first.coapUri());
            first.awaitRegistration("lw-back");
            // A short lifetime, so that the post finds out soon that its server forgot it.
            configure(coap, post, "{\"lifetime.s\":30}");
            first.awaitRegistration("lw-back", reg -> reg.getLifeTimeInSec() == 30, Duration.ofSeconds(30));
        } finally {
            first.close(); // the server goes away, and its registrations with it
        }
        Thread.sleep(2_000);
        try (Lwm2mServer again = new Lwm2mServer(port)) {
            Registration r = again.awaitRegistration("lw-back", reg -> Lwm2mServer.lists(reg, "/3416/0"),
                    Duration.ofSeconds(90));
            assertThat(r.getLifeTimeInSec()).isEqualTo(30);
            assertThat(string(again.send("lw-back", new ReadRequest(3, 0, 2)))).isEqualTo("lw-back");
        }
        assertThat(post.log()).contains("registered with " + "coap://127.0.0.1:" + port);
    }

    /** @return the object 9 instance of a bundle */
    private int instanceOf(String endpoint, String bsn) throws InterruptedException {
        ReadResponse read = server.send(endpoint, new ReadRequest(9));
        assertThat(read.isSuccess()).as(read.getErrorMessage()).isTrue();
        for (LwM2mObjectInstance i : ((LwM2mObject) read.getContent()).getInstances().values()) {
            if (i.getId() != 0 && bsn.equals(i.getResource(0).getValue())) {
                return i.getId();
            }
        }
        throw new AssertionError("no object 9 instance for " + bsn + " in " + read.getContent());
    }

    private void awaitLong(String endpoint, int object, int instance, int resource, long expected, String what)
            throws Exception {
        try {
            Await.until(what + ": /" + object + "/" + instance + "/" + resource + " is " + expected,
                    Duration.ofSeconds(60), () -> {
                        ReadResponse read = server.send(endpoint, new ReadRequest(object, instance, resource));
                        return read.isSuccess() ? value(read) : read.getCode();
                    }, Long.valueOf(expected)::equals);
        } catch (AssertionError notThere) {
            String reason = string(server.send(endpoint, new ReadRequest(9, instance, 16)));
            throw new AssertionError(notThere.getMessage() + " (status reason: " + reason + ")", notThere);
        }
    }

    private static Object value(ReadResponse read) {
        assertThat(read.isSuccess()).as(read.getCode() + " " + read.getErrorMessage()).isTrue();
        return ((LwM2mSingleResource) read.getContent()).getValue();
    }

    private static String string(ReadResponse read) {
        return (String) value(read);
    }

    private static String plain(LampPost post, String path) throws Exception {
        CoapClient client = coap.client(post.plainUri(path));
        try {
            CoapResponse r = client.get();
            assertThat(r).as("GET " + path).isNotNull();
            assertThat(r.getCode()).as(path + ": " + r.getResponseText()).isEqualTo(CoAP.ResponseCode.CONTENT);
            return r.getResponseText();
        } finally {
            client.shutdown();
        }
    }

    private static CoAP.ResponseCode code(LampPost post, String path) throws Exception {
        CoapClient client = coap.client(post.plainUri(path));
        try {
            CoapResponse r = client.get();
            return r == null ? null : r.getCode();
        } finally {
            client.shutdown();
        }
    }

    /** Sets the LwM2M client's configuration as an engineer would, through /mgmt/config. */
    /** PUTs the post's LwM2M configuration as an engineer; it must be taken (2.04). */
    static void configure(CoapTestClient coap, LampPost post, String json) throws Exception {
        CoapClient client = coap.client(post.uri("/mgmt/config/org.lampyris.lwm2m"));
        try {
            CoapResponse put = client.put(json, MediaTypeRegistry.APPLICATION_JSON);
            assertThat(put.getCode()).as(put.getResponseText()).isEqualTo(CoAP.ResponseCode.CHANGED);
        } finally {
            client.shutdown();
        }
    }

    private static void assertRefused(LampPost post, String json, String reason) throws Exception {
        CoapClient client = coap.client(post.uri("/mgmt/config/org.lampyris.lwm2m"));
        try {
            CoapResponse put = client.put(json, MediaTypeRegistry.APPLICATION_JSON);
            assertThat(put.getCode()).as(put.getResponseText()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
            assertThat(put.getResponseText()).contains(reason).contains("nothing was changed");
        } finally {
            client.shutdown();
        }
    }

    /** POSTs text to a path of the post as an engineer (a bundle's start or stop); it must be taken (2.04). */
    static void engineerPost(CoapTestClient coap, LampPost post, String path, String text) throws Exception {
        CoapClient client = coap.client(post.uri(path));
        try {
            CoapResponse r = client.post(text, MediaTypeRegistry.TEXT_PLAIN);
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(CoAP.ResponseCode.CHANGED);
        } finally {
            client.shutdown();
        }
    }

    /** @return the text an engineer GETs from a path of the post, which must answer 2.05 */
    static String engineerGet(CoapTestClient coap, LampPost post, String path) throws Exception {
        CoapClient client = coap.client(post.uri(path));
        try {
            CoapResponse r = client.get();
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(CoAP.ResponseCode.CONTENT);
            return r.getResponseText();
        } finally {
            client.shutdown();
        }
    }

    /**
     * Waits until a plain GET answers 2.05 with this text. While one point takes the path over from another (a plugin
     * stopped or removed, the fail-safe's stand-in, and back) the path may answer 4.04 for a moment: that is waited out.
     */
    private static void awaitPlain(LampPost post, String path, String expected, String what) throws Exception {
        await(() -> {
            CoapClient client = coap.client(post.plainUri(path));
            try {
                CoapResponse r = client.get();
                return r != null && r.getCode() == CoAP.ResponseCode.CONTENT && expected.equals(r.getResponseText());
            } finally {
                client.shutdown();
            }
        }, what + ": " + path + " = " + expected);
    }

    private static void awaitCode(LampPost post, String path, CoAP.ResponseCode expected) throws Exception {
        await(() -> code(post, path) == expected, path + " answers " + expected);
    }

    private static void await(Await.Condition check, String what) throws Exception {
        Await.until(what, Duration.ofSeconds(30), check);
    }
}
