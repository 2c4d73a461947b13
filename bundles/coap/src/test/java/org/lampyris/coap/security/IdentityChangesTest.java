package org.lampyris.coap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engineer's changes of the post's pre-shared keys: durable and owner-only in the secret file, live for the next
 * handshake and role lookup, and refused with a reason where they would be unsafe.
 */
class IdentityChangesTest {
    private static final String ANNA_SECRET = "anna-0123456789abcdef";
    private static final List<String> DEVELOPMENT = List.of("city-engineer:engineer:engineer-secret");

    @TempDir
    Path data;
    private Path file;
    private Identities live;
    private AdvancedMultiPskStore keys;
    private IdentityChanges changes;

    @BeforeEach
    void streetPostWithOneEngineerInItsFileAndADeskInItsConfiguration() throws Exception {
        file = data.resolve(PostCredentials.PSK_FILE);
        PskFile.write(file, List.of(new PskFile.Entry("anna", Role.ENGINEER, ANNA_SECRET)));
        live = Identities.parse(List.of("desk-3:operator:desk-3-secret-0123", "anna:engineer:" + ANNA_SECRET),
                List.of());
        keys = live.pskStore(Set.of("city-engineer"));
        changes = new IdentityChanges(live, file, Set.of("desk-3"), Set.of(), DEVELOPMENT, false);
    }

    private boolean handshakeFinds(String identity) {
        return keys.requestPskSecretResult(new ConnectionId(new byte[] { 1 }), null, new PskPublicInformation(identity), "HmacSHA256", null,
                new byte[32], false).getSecret() != null;
    }

    private String fileText() throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void anAddedIdentityIsDurableOwnerOnlyAndAcceptedAtOnce() throws Exception {
        changes.add("bob", "operator", "hex:00112233445566778899aabbccddeeff", "psk anna");

        assertThat(fileText()).contains("anna:engineer:" + ANNA_SECRET + "\n",
                "bob:operator:hex:00112233445566778899aabbccddeeff\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(live.roleOf(new PreSharedKeyIdentity("bob"))).isEqualTo(Role.OPERATOR);
        assertThat(handshakeFinds("bob")).isTrue();
        assertThat(changes.list()).extracting(IdentityChanges.Listed::identity, l -> l.role().label(),
                l -> l.source().label(), IdentityChanges.Listed::changeable).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("desk-3", "operator", "configuration", false),
                        org.assertj.core.groups.Tuple.tuple("anna", "engineer", "file", true),
                        org.assertj.core.groups.Tuple.tuple("bob", "operator", "file", true));
        assertThat(changes.list().toString()).doesNotContain("00112233", ANNA_SECRET);
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAndEndsItsSessions() throws Exception {
        changes.add("bob", "operator", "bob-first-secret-0123", "psk anna");

        IdentityChanges.Change change = changes.change("bob", null, "bob-second-secret-4567", "psk anna");

        assertThat(change.endsSessions()).isTrue();
        assertThat(fileText()).contains("bob:operator:bob-second-secret-4567").doesNotContain("bob-first-secret");
        assertThat(live.psk("bob").orElseThrow().secret())
                .isEqualTo("bob-second-secret-4567".getBytes(StandardCharsets.UTF_8));
        assertThat(changes.change("bob", "reader", null, "psk anna").endsSessions()).as("a new role only").isFalse();
        assertThat(live.roleOf(new PreSharedKeyIdentity("bob"))).isEqualTo(Role.READER);
    }

    @Test
    void aRevokedIdentityIsGoneFromTheFileAndTheHandshake() throws Exception {
        changes.add("bob", "engineer", "bob-first-secret-0123", "psk anna");

        assertThat(changes.revoke("bob", "psk anna").endsSessions()).isTrue();

        assertThat(fileText()).doesNotContain("bob");
        assertThat(live.roleOf(new PreSharedKeyIdentity("bob"))).isNull();
        assertThat(handshakeFinds("bob")).isFalse();
        assertThat(handshakeFinds("anna")).isTrue();
    }

    @Test
    void theLastEngineerCanBeNeitherRevokedNorDemoted() throws Exception {
        assertRefused(() -> changes.revoke("anna", "psk anna"), 409, "last engineer identity");
        assertRefused(() -> changes.change("anna", "operator", null, "psk anna"), 409, "unmanageable");

        changes.add("bob", "engineer", "bob-first-secret-0123", "psk anna");
        changes.revoke("anna", "psk bob");
        assertThat(live.roleOf(new PreSharedKeyIdentity("anna"))).isNull();
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndChangeNothing() throws Exception {
        String before = fileText();

        assertRefused(() -> changes.add("bob", "janitor", "bob-first-secret-0123", "a"), 400, "unknown role");
        assertRefused(() -> changes.add("bob", "reader", "short-secret", "a"), 400, "at least 16");
        assertRefused(() -> changes.add("bob", "reader", "hex:zz", "a"), 400, "not hexadecimal");
        assertRefused(() -> changes.add("bob", "reader", "line\nbreak-0123456789", "a"), 400, "control character");
        assertRefused(() -> changes.add("anna", "reader", "anna-other-secret-0123", "a"), 400, "exists already");
        assertRefused(() -> changes.add("bad:name", "reader", "bob-first-secret-0123", "a"), 400, "letters");
        assertRefused(() -> changes.add("city-engineer", "engineer", "bob-first-secret-0123", "a"), 400,
                "public development identity");
        assertRefused(() -> changes.change("nobody", null, "bob-first-secret-0123", "a"), 404, "no identity nobody");
        assertRefused(() -> changes.revoke("desk-3", "a"), 409, "conf/org.lampyris.security.cfg (psk)");

        assertThat(fileText()).isEqualTo(before);
        assertThat(live.pskIdentities()).extracting(Identities.Psk::identity).containsExactly("desk-3", "anna");
    }

    @Test
    void aPublicDevelopmentSecretIsNeverANewKey() throws Exception {
        IdentityChanges withLongPublicSecret = new IdentityChanges(live, file, Set.of("desk-3"), Set.of(),
                List.of("city-engineer:engineer:public-development-secret"), false);

        assertRefused(() -> withLongPublicSecret.add("bob", "engineer", "public-development-secret", "a"), 400,
                "public development secret");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable change, int code,
            String reason) {
        assertThatThrownBy(change).isInstanceOfSatisfying(IdentityChanges.Refused.class,
                r -> assertThat(r.code()).isEqualTo(code)).hasMessageContaining(reason)
                .hasMessageNotContaining("0123");
    }
}
