package org.lampyris.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.BindingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a post keeps of the accounts the city's bootstrap server gave it, so that a restart needs no bootstrap. */
class BootstrappedAccountsTest {
    private static final LwM2mModel MODEL = new StaticModel(ObjectLoader.loadDefault());
    private static final byte[] BOOTSTRAP_KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SERVER_KEY = HexFormat.of().parseHex("f0e0d0c0b0a090807060504030201000");
    @TempDir
    Path data;

    private static Security bootstrapAccount() {
        return Security.pskBootstrap("coaps://bs.city.example:5784", "elm-1".getBytes(StandardCharsets.UTF_8),
                BOOTSTRAP_KEY);
    }

    /** @return objects 0 and 1 as a bootstrap server leaves them: its own account and a PSK server account */
    private static List<LwM2mObjectEnabler> bootstrapped() {
        ObjectsInitializer initializer = new ObjectsInitializer(MODEL);
        Security server = Security.psk("coaps://dm.city.example:5684", 7, "elm-1-dm".getBytes(StandardCharsets.UTF_8),
                SERVER_KEY);
        server.setId(3);
        Security bootstrap = bootstrapAccount();
        bootstrap.setId(0);
        initializer.setInstancesForObject(LwM2mId.SECURITY, bootstrap, server);
        initializer.setInstancesForObject(LwM2mId.SERVER, new Server(7, 600, EnumSet.of(BindingMode.U), false,
                BindingMode.U));
        return initializer.create(LwM2mId.SECURITY, LwM2mId.SERVER);
    }

    @Test
    void theServerAccountABootstrapServerGaveIsKeptOwnerOnlyAndComesBackWhole() throws Exception {
        List<LwM2mObjectEnabler> objects = bootstrapped();
        BootstrappedAccounts kept = new BootstrappedAccounts(data.resolve("lwm2m"), MODEL, bootstrapAccount());
        kept.save(objects.get(0), objects.get(1));

        Path file = data.resolve("lwm2m").resolve(BootstrappedAccounts.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).as("no hexadecimal key an engineer might paste elsewhere")
                .doesNotContain(HexFormat.of().formatHex(SERVER_KEY));

        Optional<BootstrappedAccounts.Accounts> again = new BootstrappedAccounts(data.resolve("lwm2m"), MODEL,
                bootstrapAccount()).load();
        assertThat(again).isPresent();
        assertThat(again.get().serverUris()).containsExactly("coaps://dm.city.example:5684");
        LwM2mInstanceEnabler[] security = again.get().securityInstances(MODEL);
        assertThat(security).extracting(LwM2mInstanceEnabler::getId).containsExactlyInAnyOrder(0, 3);
        LwM2mInstanceEnabler server = java.util.Arrays.stream(security).filter(i -> i.getId() == 3).findFirst()
                .orElseThrow();
        assertThat(value(server, 5)).as("the server's key").isEqualTo(SERVER_KEY);
        assertThat(value(server, 3)).isEqualTo("elm-1-dm".getBytes(StandardCharsets.UTF_8));
        assertThat(value(server, 10)).isEqualTo(7L);
        LwM2mInstanceEnabler[] servers = again.get().serverInstances(MODEL);
        assertThat(servers).hasSize(1);
        assertThat(value(servers[0], 0)).as("short server id").isEqualTo(7L);
        assertThat(value(servers[0], 1)).as("lifetime").isEqualTo(600L);
    }

    @Test
    void accountsFromAnotherBootstrapAccountAreRemovedSoThePostBootstrapsAgain() throws Exception {
        List<LwM2mObjectEnabler> objects = bootstrapped();
        new BootstrappedAccounts(data, MODEL, bootstrapAccount()).save(objects.get(0), objects.get(1));

        Security rotated = Security.pskBootstrap("coaps://bs.city.example:5784",
                "elm-1".getBytes(StandardCharsets.UTF_8), SERVER_KEY);
        assertThat(new BootstrappedAccounts(data, MODEL, rotated).load()).isEmpty();
        assertThat(data.resolve(BootstrappedAccounts.FILE)).doesNotExist();
    }

    @Test
    void aFileOthersCanReadIsNotUsedAndTheReasonNamesItWithoutItsSecrets() throws Exception {
        List<LwM2mObjectEnabler> objects = bootstrapped();
        BootstrappedAccounts kept = new BootstrappedAccounts(data, MODEL, bootstrapAccount());
        kept.save(objects.get(0), objects.get(1));
        Path file = data.resolve(BootstrappedAccounts.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(kept::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the secret file " + file).hasMessageContaining("chmod 600");
        assertThat(file).as("left for the owner to look at").exists();
    }

    @Test
    void aPostWithNothingKeptBootstraps() throws Exception {
        assertThat(new BootstrappedAccounts(data, MODEL, bootstrapAccount()).load()).isEmpty();
    }

    private static Object value(LwM2mInstanceEnabler instance, int resource) {
        return ((LwM2mSingleResource) instance.read(LwM2mServer.SYSTEM, resource).getContent()).getValue();
    }
}
