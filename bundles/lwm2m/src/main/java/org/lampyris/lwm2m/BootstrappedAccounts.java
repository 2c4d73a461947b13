package org.lampyris.lwm2m;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.lampyris.internal.durable.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts the city's bootstrap server gave the post: LwM2M objects 0 (Security) and 1 (Server) as the bootstrap
 * server left them, kept in {@value #FILE} so that a restart registers with the server at once instead of
 * bootstrapping again. The file holds the server's pre-shared key or private key: it is written owner-only (0600)
 * through {@link DurableFile}, and a file that others can read or change is not used.
 * <p>
 * The file belongs to the bootstrap account it came from (a SHA-256 of that account as configured): once an engineer
 * configures another bootstrap account, the file is removed and the post bootstraps again.
 */
final class BootstrappedAccounts {
    /** The file's name, in the lwm2m folder of the data directory. */
    static final String FILE = "bootstrapped.secret";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrappedAccounts.class);
    private static final String ACCOUNT = "bootstrap.account.sha256";
    private static final String SECURITY = "security";
    private static final String SERVERS = "servers";

    private final Path file;
    private final LwM2mModel model;
    private final String account;

    /**
     * @param folder where the file is kept; made when the first accounts are saved
     * @param bootstrapAccount the bootstrap-server account the configuration gives
     */
    BootstrappedAccounts(Path folder, LwM2mModel model, Security bootstrapAccount) {
        this.file = folder.resolve(FILE);
        this.model = model;
        this.account = fingerprint(bootstrapAccount);
    }

    Path file() {
        return file;
    }

    /**
     * The objects the bootstrap server wrote, if they were saved for the configured bootstrap account. The file of
     * another account, or one that cannot be read as objects, is removed: the post bootstraps again.
     *
     * @throws IllegalStateException naming the file, when others may read or change it
     * @throws IOException when it is there but cannot be read or removed
     */
    Optional<Accounts> load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (DurableFile.othersMayAccess(file)) {
            throw new IllegalStateException("the secret file " + file + " can be read or changed by others ("
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + "): the LwM2M client does "
                    + "not use it; make it owner-only (chmod 600 " + file + "), or remove it to bootstrap again");
        }
        Properties stored = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            stored.load(in);
        }
        if (!account.equals(stored.getProperty(ACCOUNT))) {
            forget("they came from another bootstrap account than the one configured");
            return Optional.empty();
        }
        try {
            LwM2mObject security = decode(stored.getProperty(SECURITY, ""), LwM2mId.SECURITY);
            LwM2mObject servers = decode(stored.getProperty(SERVERS, ""), LwM2mId.SERVER);
            return Optional.of(new Accounts(security, servers));
        } catch (CodecException e) {
            // never the content in the reason: it holds keys
            forget("they cannot be read as LwM2M objects 0 and 1");
            return Optional.empty();
        }
    }

    /**
     * Keeps the objects 0 and 1 of a client that was just bootstrapped, durably and owner-only.
     *
     * @param security the client's Security object (0)
     * @param servers the client's Server object (1)
     */
    void save(LwM2mObjectEnabler security, LwM2mObjectEnabler servers) throws IOException {
        DefaultLwM2mEncoder encoder = new DefaultLwM2mEncoder();
        Properties stored = new Properties();
        stored.setProperty(ACCOUNT, account);
        stored.setProperty(SECURITY, encode(encoder, read(security)));
        stored.setProperty(SERVERS, encode(encoder, read(servers)));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Writer writer = new OutputStreamWriter(text, StandardCharsets.ISO_8859_1);
        stored.store(writer, "The LwM2M accounts (objects 0 and 1, SenML JSON) the bootstrap server gave this "
                + "post. Secret: owner-only.");
        writer.flush();
        DurableFile.writeOwnerOnly(file, text.toByteArray());
    }

    private void forget(String why) throws IOException {
        Files.deleteIfExists(file);
        DurableFile.forceFolder(file.getParent());
        LOG.info("LwM2M: removed the accounts of {}: {}; bootstrapping again", file, why);
    }

    private static LwM2mObject read(LwM2mObjectEnabler enabler) {
        ReadResponse read = enabler.read(LwM2mServer.SYSTEM, new ReadRequest(enabler.getId()));
        if (!read.isSuccess()) {
            throw new IllegalStateException("object " + enabler.getId() + " cannot be read: " + read.getCode());
        }
        return (LwM2mObject) read.getContent();
    }

    private String encode(DefaultLwM2mEncoder encoder, LwM2mObject object) {
        if (object.getInstances().isEmpty()) {
            return "";
        }
        return new String(encoder.encode(object, ContentFormat.SENML_JSON, new LwM2mPath(object.getId()), model),
                StandardCharsets.UTF_8);
    }

    private LwM2mObject decode(String senml, int objectId) {
        if (senml.isEmpty()) {
            return new LwM2mObject(objectId, new ArrayList<LwM2mObjectInstance>());
        }
        return new DefaultLwM2mDecoder().decode(senml.getBytes(StandardCharsets.UTF_8), ContentFormat.SENML_JSON,
                new LwM2mPath(objectId), model, LwM2mObject.class);
    }

    /**
     * A SHA-256 over the resources of an account that say which server it is and how the post proves who it is:
     * another URI, mode, identity or key is another account.
     */
    private static String fingerprint(Security account) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int resource : new int[] { 0, 1, 2, 3, 4, 5 }) {
                ReadResponse read = account.read(LwM2mServer.SYSTEM, resource);
                sha.update((byte) resource);
                if (read.isSuccess() && read.getContent() instanceof LwM2mSingleResource value) {
                    byte[] bytes = value.getValue() instanceof byte[] b ? b
                            : String.valueOf(value.getValue()).getBytes(StandardCharsets.UTF_8);
                    sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                    sha.update(bytes);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Objects 0 and 1 as the bootstrap server left them.
     *
     * @param security the Security object: the bootstrap-server account and the server accounts
     * @param servers the Server object
     */
    record Accounts(LwM2mObject security, LwM2mObject servers) {

        /** @return the security instances, to start the client with */
        LwM2mInstanceEnabler[] securityInstances(LwM2mModel model) {
            return instances(security, model, Security::new);
        }

        /** @return the server instances, to start the client with; none when the bootstrap server gave none */
        LwM2mInstanceEnabler[] serverInstances(LwM2mModel model) {
            return instances(servers, model, Server::new);
        }

        /** @return the URIs of the server accounts, for the log (never a key) */
        List<String> serverUris() {
            List<String> uris = new ArrayList<>();
            for (LwM2mObjectInstance i : security.getInstances().values()) {
                boolean bootstrap = i.getResource(1) != null && Boolean.TRUE.equals(i.getResource(1).getValue());
                if (!bootstrap && i.getResource(0) != null) {
                    uris.add(String.valueOf(i.getResource(0).getValue()));
                }
            }
            return uris;
        }

        private static LwM2mInstanceEnabler[] instances(LwM2mObject object, LwM2mModel model,
                Supplier<BaseInstanceEnabler> factory) {
            List<LwM2mInstanceEnabler> instances = new ArrayList<>();
            for (LwM2mObjectInstance stored : object.getInstances().values()) {
                BaseInstanceEnabler instance = factory.get();
                instance.setId(stored.getId());
                instance.setModel(model.getObjectModel(object.getId()));
                instance.write(LwM2mServer.SYSTEM, true, stored);
                instances.add(instance);
            }
            return instances.toArray(LwM2mInstanceEnabler[]::new);
        }
    }
}
