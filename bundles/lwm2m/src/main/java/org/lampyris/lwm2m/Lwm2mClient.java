package org.lampyris.lwm2m;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.resource.listener.ObjectsListenerAdapter;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.eclipse.leshan.core.request.UpdateRequest;
import org.eclipse.leshan.core.ResponseCode;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.point.PointDirectory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post as an OMA LwM2M 1.1 client (Eclipse Leshan): it registers with the configured server when it starts, at
 * a random moment of its {@link RegistrationWindow registration window}, updates its registration as plugins come and
 * go, and registers again when the server or the network comes back. With a bootstrap-server account instead, it first gets its server account from the city's bootstrap server, keeps
 * it ({@link BootstrappedAccounts}) and registers with it; it bootstraps again when that server keeps refusing the
 * registration or a server executes Bootstrap-Request Trigger (/1/x/9), as Leshan's registration engine does.
 * Objects: Security (0), Server (1), Device (3), Software Management (9) over the post's bundle transactions, and the
 * uCIFI objects made of the post's points (3416, 3418, 3428, 3434). A change of configuration restarts the client.
 */
@Component(service = {}, configurationPid = Lwm2mConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Lwm2mConfig.class)
public final class Lwm2mClient {
    private static final Logger LOG = LoggerFactory.getLogger(Lwm2mClient.class);
    /** Object definitions shipped with this bundle (OMA registry, BSD-3; see META-INF/NOTICE). */
    private static final String MODELS = "/org/lampyris/lwm2m/models/";
    private static final String[] MODEL_FILES = { "9.xml", "3416.xml", "3418.xml", "3428.xml", "3434.xml" };

    private final BundleContext context;
    private ExecutorService worker;
    /** The accounts a bootstrap server gave, when the post has a bootstrap account; {@code null} otherwise. */
    private BootstrappedAccounts bootstrapped;
    private LeshanClient client;
    private UcifiObjects ucifi;
    private SoftwareManagement software;
    private SynchronousBundleListener bundleListener;
    /**
     * Whether instances came or went since the last registration was sent: Leshan drops the update an instance
     * triggers while no registration is in place, so the registration is followed by one.
     */
    private final AtomicBoolean treeChanged = new AtomicBoolean();
    /** Set when the component stops: a client still waiting for its moment in the registration window never starts. */
    private boolean stopped; // guarded by this

    @Activate
    public Lwm2mClient(BundleContext context, Lwm2mConfig config, @Reference PointDirectory points,
            @Reference(target = "(" + ManagementResource.NAME + "=bundles)") ManagementResource bundles)
            throws IOException {
        this.context = context;
        String serverUri = config.server_uri().trim();
        String bootstrapUri = config.bootstrap_uri().trim();
        if (serverUri.isEmpty() && bootstrapUri.isEmpty()) {
            LOG.info("LwM2M client off: no server.uri nor bootstrap.uri in the configuration {}", Lwm2mConfig.PID);
            return;
        }
        String both = Lwm2mConfigCheck.bothAccounts(serverUri, bootstrapUri);
        if (both != null) {
            throw new IllegalArgumentException(both);
        }
        String postId = property("lampyris.post.id", "post-1");
        String endpoint = config.endpoint_name().isBlank() ? postId : config.endpoint_name().trim();
        boolean direct = bootstrapUri.isEmpty();
        LwM2mModel model = new StaticModel(models());
        Path conf = Path.of(property("lampyris.conf.dir", "conf"));

        ObjectsInitializer initializer = new ObjectsInitializer(model);
        String started = direct ? accounts(initializer, config, conf, endpoint)
                : bootstrapAccounts(initializer, config, conf, model, endpoint);
        if (started == null) {
            return;
        }

        // One thread for the work of the objects; what comes after the client stopped (a late bundle event) is dropped.
        // It also starts the client at the moment drawn in the registration window.
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lampyris-lwm2m");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        scheduled.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker = scheduled;
        ucifi = new UcifiObjects(model, points, worker);
        software = new SoftwareManagement(model.getObjectModel(SoftwareManagement.OBJECT), bundles, worker,
                direct ? "lwm2m:" + serverUri : "lwm2m:bootstrapped-by:" + bootstrapUri);

        List<LwM2mObjectEnabler> enablers = new ArrayList<>(initializer.create(LwM2mId.SECURITY, LwM2mId.SERVER));
        DeviceInstance device = new DeviceInstance(postId, platformVersion(), this::reboot);
        device.setModel(model.getObjectModel(LwM2mId.DEVICE));
        enablers.add(new ObjectEnabler(LwM2mId.DEVICE, model.getObjectModel(LwM2mId.DEVICE),
                new java.util.HashMap<>(java.util.Map.of(0, device)), null, ContentFormat.DEFAULT));
        enablers.add(software.enabler());
        enablers.addAll(ucifi.enablers());

        CaliforniumClientEndpointsProvider.Builder endpoints = new CaliforniumClientEndpointsProvider.Builder(
                new CoapClientProtocolProvider(), new CoapsClientProtocolProvider());
        Configuration coap = endpoints.createDefaultConfiguration();
        // A software package arrives block-wise in one write: let it be as large as a /mgmt upload.
        coap.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.max_body_size());
        endpoints.setConfiguration(coap);
        String bind = property("lampyris.coap.bind", "");
        if (!bind.isEmpty() && !bind.equals("0.0.0.0") && !bind.equals("::")) {
            endpoints.setClientAddress(InetAddress.getByName(bind));
        }

        DefaultRegistrationEngineFactory engine = new DefaultRegistrationEngineFactory();
        engine.setRetryWaitingTimeInMs((int) TimeUnit.SECONDS.toMillis(config.retry_s()));
        engine.setRequestTimeoutInMs(TimeUnit.SECONDS.toMillis(config.request_timeout_s()));
        engine.setCommunicationPeriod(null);

        LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
        builder.setObjects(enablers);
        builder.setEndpointsProviders(endpoints.build());
        builder.setRegistrationEngineFactory(engine);
        client = builder.build();
        client.addObserver(new RegistrationLog(direct ? serverUri : null));
        if (!direct) {
            client.addObserver(new BootstrapKeeper(bootstrapped, client.getObjectTree()));
        }
        client.getObjectTree().addListener(new ObjectsListenerAdapter() {
            @Override
            public void objectInstancesAdded(LwM2mObjectEnabler object, int... instanceIds) {
                treeChanged.set(true);
            }

            @Override
            public void objectInstancesRemoved(LwM2mObjectEnabler object, int... instanceIds) {
                treeChanged.set(true);
            }
        });

        bundleListener = event -> {
            if (event.getType() != BundleEvent.RESOLVED && event.getType() != BundleEvent.UNRESOLVED) {
                software.refreshSoon();
            }
        };
        context.addBundleListener(bundleListener);
        // The first registration lists the instances of now: plugins' objects are in place before it is sent.
        awaitQuietly(ucifi.start(client));
        awaitQuietly(software.start(client));
        RegistrationWindow window = RegistrationWindow.draw(config.registration_window_s(),
                Boolean.parseBoolean(context.getProperty("lampyris.development")), ThreadLocalRandom.current());
        if (window.delay().isZero()) {
            client.start();
        } else {
            scheduled.schedule(this::startClient, window.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("{}{}", started, window.describe());
    }

    /** Starts the client after its delay, unless it was stopped meanwhile. */
    private synchronized void startClient() {
        if (!stopped) {
            client.start();
        }
    }

    /**
     * Starts the client with the server account of the configuration.
     *
     * @return what the client does, for the log
     */
    private static String accounts(ObjectsInitializer initializer, Lwm2mConfig config, Path conf,
            String endpoint) {
        initializer.setInstancesForObject(LwM2mId.SECURITY, ConfiguredAccount.server(config, conf));
        initializer.setInstancesForObject(LwM2mId.SERVER, new Server(config.short_server_id(), config.lifetime_s(),
                EnumSet.of(BindingMode.U), false, BindingMode.U));
        return "LwM2M client " + endpoint + " registers with " + config.server_uri().trim() + " ("
                + config.security_mode() + " security, lifetime " + config.lifetime_s() + " s)";
    }

    /**
     * Starts the client with the accounts a bootstrap server gave, when they were kept for the configured bootstrap
     * account, and otherwise with the bootstrap account alone, which the bootstrap server fills in.
     *
     * @return what the client does, for the log; {@code null} when it stays off
     */
    private String bootstrapAccounts(ObjectsInitializer initializer, Lwm2mConfig config, Path conf,
            LwM2mModel model, String endpoint) throws IOException {
        // A bootstrap server creates the instances it writes with these.
        initializer.setClassForObject(LwM2mId.SECURITY, Security.class);
        initializer.setClassForObject(LwM2mId.SERVER, Server.class);
        Security bootstrapAccount = ConfiguredAccount.bootstrap(config, conf);
        bootstrapped = new BootstrappedAccounts(dataDir().resolve("lwm2m"), model, bootstrapAccount);
        Optional<BootstrappedAccounts.Accounts> kept;
        try {
            kept = bootstrapped.load();
        } catch (IllegalStateException e) {
            LOG.error("LwM2M client off: {}", e.getMessage());
            return null;
        }
        String bootstrapUri = config.bootstrap_uri().trim();
        if (kept.isEmpty()) {
            initializer.setInstancesForObject(LwM2mId.SECURITY, bootstrapAccount);
            return "LwM2M client " + endpoint + " bootstraps from " + bootstrapUri + " ("
                    + config.bootstrap_security_mode() + " security)";
        }
        initializer.setInstancesForObject(LwM2mId.SECURITY, kept.get().securityInstances(model));
        LwM2mInstanceEnabler[] servers = kept.get().serverInstances(model);
        if (servers.length > 0) {
            initializer.setInstancesForObject(LwM2mId.SERVER, servers);
        }
        return "LwM2M client " + endpoint + " registers with " + String.join(", ", kept.get().serverUris())
                + ", the account bootstrap server " + bootstrapUri + " gave (kept in " + bootstrapped.file()
                + "); no bootstrap needed";
    }

    @Deactivate
    void deactivate() {
        if (client == null) {
            return;
        }
        synchronized (this) {
            stopped = true;
        }
        context.removeBundleListener(bundleListener);
        ucifi.close();
        software.close();
        client.destroy(true);
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(Future<?> done) {
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("LwM2M objects not ready before the registration ({}); an update will follow", e.toString());
        }
    }

    /** @return Leshan's core objects and the definitions this bundle ships */
    private static List<ObjectModel> models() {
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadDefault());
        try {
            // Not validated against the schema: the uCIFI files write "None" where the schema wants a range.
            models.addAll(ObjectLoader.loadDdfResources(MODELS, MODEL_FILES, false));
        } catch (IOException | org.eclipse.leshan.core.model.InvalidModelException
                | org.eclipse.leshan.core.model.InvalidDDFFileException e) {
            throw new IllegalStateException("the object definitions in " + MODELS + " cannot be read: " + e, e);
        }
        return models;
    }

    private String property(String name, String fallback) {
        String value = context.getProperty(name);
        return value == null ? fallback : value;
    }

    /** @return the post's data directory, where the accounts a bootstrap server gave are kept */
    private Path dataDir() {
        String dir = context.getProperty("lampyris.data.dir");
        if (dir != null) {
            return Path.of(dir);
        }
        java.io.File area = context.getDataFile("");
        if (area == null) {
            throw new IllegalStateException("no lampyris.data.dir and no bundle data area: the accounts a bootstrap "
                    + "server gives could not be kept");
        }
        return area.toPath();
    }

    private String platformVersion() {
        Version v = context.getBundle().getVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    /** Restarts the framework, after the server had its answer; the launcher starts it again. */
    private void reboot() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(500);
                LOG.warn("LwM2M server asked for a reboot: restarting the platform");
                context.getBundle(0).update();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Reboot failed: {}", e.toString());
            }
        }, "lampyris-lwm2m-reboot");
        t.setDaemon(true);
        t.start();
    }

    /** Says in the log when the post registers, and why it could not; updates a registration already outdated. */
    private final class RegistrationLog extends LwM2mClientObserverAdapter {
        /** The configured server, or {@code null} for the servers a bootstrap server gives. */
        private final String serverUri;

        RegistrationLog(String serverUri) {
            this.serverUri = serverUri;
        }

        private String where(LwM2mServer server) {
            return serverUri != null ? serverUri : server.getUri();
        }

        @Override
        public void onRegistrationStarted(LwM2mServer server, RegisterRequest request) {
            treeChanged.set(false);
        }

        @Override
        public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String registrationID) {
            LOG.info("LwM2M: registered with {} as {} (registration {})", where(server), request.getEndpointName(),
                    registrationID);
            if (treeChanged.getAndSet(false)) {
                client.triggerRegistrationUpdate();
            }
        }

        @Override
        public void onRegistrationFailure(LwM2mServer server, RegisterRequest request, ResponseCode code,
                String errorMessage, Exception cause) {
            LOG.warn("LwM2M: registration with {} failed: {}", where(server),
                    code != null ? code + " " + errorMessage : String.valueOf(cause));
        }

        @Override
        public void onRegistrationTimeout(LwM2mServer server, RegisterRequest request) {
            LOG.warn("LwM2M: {} did not answer the registration; trying again later", where(server));
        }

        @Override
        public void onUpdateFailure(LwM2mServer server, UpdateRequest request, ResponseCode code,
                String errorMessage, Exception cause) {
            LOG.warn("LwM2M: registration update with {} failed ({}); registering again", where(server),
                    code != null ? code + " " + errorMessage : String.valueOf(cause));
        }

        @Override
        public void onUnexpectedError(Throwable unexpectedError) {
            LOG.error("LwM2M client stopped on an unexpected error", unexpectedError);
        }
    }
}
