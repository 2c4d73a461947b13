package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/**
 * How a city provisions a fleet: a post starts with only an account on the city's bootstrap server (Eclipse Leshan's,
 * from leshan-server-cf), gets its LwM2M server account from it (objects 0 and 1), registers with that server (Leshan's
 * server library), takes a new account when its server asks it to bootstrap again, and keeps the account through a
 * restart. No Lampyris code runs on either server.
 */
class Lwm2mBootstrapTest {
    private static final Duration REGISTERS = Duration.ofSeconds(60);
    private static Lwm2mServer server;
    private static Lwm2mBootstrapServer bootstrap;
    private static CoapTestClient coap;
    private final List<LampPost> posts = new ArrayList<>();
    @TempDir
    Path work;

    @BeforeAll
    static void startServers() throws Exception {
        server = new Lwm2mServer();
        bootstrap = new Lwm2mBootstrapServer();
        coap = CoapTestClient.withPsk(LampPost.ENGINEER);
    }

    @AfterAll
    static void stopServers() {
        if (bootstrap != null) {
            bootstrap.close();
        }
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

    @Test
    void aPostWithOnlyABootstrapAccountRegistersWithTheServerItWasGivenTakesANewAccountWhenAskedAndKeepsIt()
            throws Exception {
        byte[] bootstrapKey = HexFormat.of().parseHex("b0075742a9e1f00d0123456789abcdef");
        byte[] serverKey = HexFormat.of().parseHex("5e12e24c0ffee0ddba11fab1e0123456");
        byte[] rotatedKey = HexFormat.of().parseHex("0e30000000000000000000000000c0de");
        bootstrap.allowPsk("lw-boot", "lw-boot-bs", bootstrapKey);
        bootstrap.givePskAccount("lw-boot", server.coapsUri(), "lw-boot-dm-1", serverKey, 300);
        server.allowPsk("lw-boot", "lw-boot-dm-1", serverKey);

        // At the depot: the post gets its bootstrap account only, over /mgmt/config as lampctl would set it.
        LampPost post = start("lw-boot");
        Lwm2mFleetTest.configure(coap, post, "{\"bootstrap.uri\":\"" + bootstrap.coapsUri()
                + "\",\"bootstrap.security.mode\":\"PSK\","
                + "\"bootstrap.psk.identity\":\"lw-boot-bs\",\"bootstrap.psk.key\":\""
                + HexFormat.of().formatHex(bootstrapKey) + "\"}");
        assertThat(Lwm2mFleetTest.engineerGet(coap, post, "/mgmt/config/org.lampyris.lwm2m"))
                .as("the bootstrap key is a secret")
                .contains("(hidden)").doesNotContain(HexFormat.of().formatHex(bootstrapKey));

        Registration first = server.awaitRegistration("lw-boot", r -> Lwm2mServer.lists(r, "/3416/0"), REGISTERS);
        assertThat(first.getClientTransportData().toString()).as("over DTLS with the PSK identity it was given")
                .contains("lw-boot-dm-1");
        assertThat(first.getObjectLinks()).extracting(l -> l.getUriReference())
                .contains("/1/0", "/3/0", "/9/0", "/3416/0", "/3418/0");
        assertThat(string(server.send("lw-boot", new ReadRequest(3, 0, 2)))).isEqualTo("lw-boot");
        assertThat(value(server.send("lw-boot", new ReadRequest(1, 0, 1)))).as("the lifetime it was given")
                .isEqualTo(300L);
        assertThat(bootstrap.sessionsStarted()).as("one bootstrap session").isEqualTo(1);
        assertThat(bootstrap.sessionsFinished()).isEqualTo(1);
        Path kept = post.dataDir.resolve("lwm2m/bootstrapped.secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).as(kept + " holds a key")
                .isEqualTo("rw-------");

        // The city rotates the post's server key: the bootstrap server gives a new account, the server asks the post
        // to bootstrap again (Bootstrap-Request Trigger, /1/0/9) and from then on knows only the new key.
        bootstrap.givePskAccount("lw-boot", server.coapsUri(), "lw-boot-dm-2", rotatedKey, 300);
        server.allowPsk("lw-boot", "lw-boot-dm-2", rotatedKey);
        ExecuteResponse trigger = server.send("lw-boot", new ExecuteRequest(1, 0, 9));
        assertThat(trigger.isSuccess()).as(trigger.getErrorMessage()).isTrue();
        Registration rotated = server.awaitRegistration("lw-boot", r -> !r.getId().equals(first.getId())
                && r.getClientTransportData().toString().contains("lw-boot-dm-2"), REGISTERS);
        assertThat(Lwm2mServer.lists(rotated, "/3416/0")).isTrue();
        assertThat(bootstrap.sessionsStarted()).as("bootstrapped again, once").isEqualTo(2);
        assertNoKeyIn(post.log(), bootstrapKey, serverKey, rotatedKey);

        // A restart registers with the account the post kept, the new one: no third bootstrap session.
        post.close();
        posts.remove(post);
        LampPost again = post.restart();
        posts.add(again);
        Registration restarted = server.awaitRegistration("lw-boot", r -> !r.getId().equals(rotated.getId())
                && Lwm2mServer.lists(r, "/3416/0"), REGISTERS);
        assertThat(restarted.getClientTransportData().toString()).contains("lw-boot-dm-2");
        assertThat(bootstrap.sessionsStarted()).as("no bootstrap after the restart").isEqualTo(2);
        assertThat(again.log()).contains("no bootstrap needed");
        assertThat(string(server.send("lw-boot", new ReadRequest(3, 0, 2)))).isEqualTo("lw-boot");
        assertNoKeyIn(again.log(), bootstrapKey, serverKey, rotatedKey);
    }

    private LampPost start(String id, String... options) throws Exception {
        LampPost post = LampPost.start(id, work.resolve(id), options);
        posts.add(post);
        return post;
    }

    private static void assertNoKeyIn(String log, byte[]... keys) {
        for (byte[] key : keys) {
            assertThat(log).as("the log shows no key").doesNotContain(HexFormat.of().formatHex(key))
                    .doesNotContain(Base64.getEncoder().encodeToString(key))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        }
    }

    private static Object value(ReadResponse read) {
        assertThat(read.isSuccess()).as(read.getCode() + " " + read.getErrorMessage()).isTrue();
        return ((LwM2mSingleResource) read.getContent()).getValue();
    }

    private static String string(ReadResponse read) {
        return (String) value(read);
    }
}
