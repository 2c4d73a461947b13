package org.lampyris.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint.Builder;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;
import org.lampyris.api.Scheduling;
import org.lampyris.api.health.DtlsConnections;
import org.lampyris.api.health.PluginQuarantine;
import org.lampyris.api.health.QuarantinedPlugin;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.PointPath;
import org.lampyris.coap.history.PointHistory;
import org.lampyris.coap.security.AccessPolicy;
import org.lampyris.coap.security.DtlsEndpoint;
import org.lampyris.coap.security.GuardedDeliverer;
import org.lampyris.coap.security.Identities;
import org.lampyris.coap.security.IdentityChanges;
import org.lampyris.coap.security.PostCredentials;
import org.lampyris.coap.security.PskSessions;
import org.lampyris.coap.security.SecurityConfig;
import org.lampyris.hal.TimeSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post's CoAP endpoint: a Californium server that tracks every {@link Point} service and publishes it at its
 * {@link PointPath}. Points come and go without restarting the server.
 * <p>
 * It starts only once it is configured (PID {@value CoapEndpointConfig#PID}), so that it never binds a default port
 * before the configuration of {@code conf/} has arrived. While it listens it registers the {@link PointDirectory}
 * through which protocol bridges serve the same points.
 */
@Component(service = PluginQuarantine.class, immediate = true,
        configurationPid = { CoapEndpointConfig.PID, SecurityConfig.PID },
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class CoapEndpoint implements PluginQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(CoapEndpoint.class);
    /**
     * Property of the service registered while the endpoint listens: its URIs, e.g. {@code coaps://0.0.0.0:5684}, with
     * the ports it is bound to, also where it was configured with port 0 and the system picked them. The launcher
     * waits for it before it says the post is listening; tests read their post's ports from it.
     */
    public static final String LISTENING_PROPERTY = "lampyris.coap.listening";
    /** Where the engineer adds, rotates and revokes the post's identities, below /mgmt. */
    private static final String IDENTITIES = "security/identities";

    /** Every point service offered and not yet withdrawn, also before the server starts; keyed by service id. */
    private final Map<Long, PointOffer> points = new ConcurrentHashMap<>();
    /** What a running endpoint consists of; replaced as a whole, so a reader sees all of one or none. */
    private volatile Running running;
    private volatile Quarantine quarantine = new Quarantine(0, Set.of());
    /** Every management resource offered, by service id: its name under /mgmt and the service. */
    private final Map<Long, Map.Entry<String, ManagementResource>> managers = new ConcurrentHashMap<>();
    /** The post's clock, by which the history counts its minutes; optional, so that the endpoint never waits for it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TimeSource time;
    /** The post's one timer (org.lampyris.threads): Californium's timers and the DTLS connector's run on it. */
    @Reference(target = "(org.lampyris.threads=timer)")
    private ScheduledExecutorService timer;
    /**
     * This endpoint's own scheduler on the post's shared workers: the observers' notifications and the history's
     * saves, one at a time.
     */
    @Reference(target = Scheduling.SERIAL)
    private ScheduledExecutorService serial;

    /**
     * The parts of a running endpoint, stopped together.
     *
     * @param services what it registers once it listens (the point directory, the listening marker); unregistered
     *            first when it stops
     */
    private record Running(CoapServer server, ScheduledExecutorService protocol, PointTree tree, ManagementTree mgmt,
            PluginCalls calls, ScheduledExecutorService notifier, Quarantine quarantine, HistoryRecorder history,
            List<ServiceRegistration<?>> services) {

        InetSocketAddress address() {
            return server.getEndpoints().get(0).getAddress();
        }

        void stop() {
            for (ServiceRegistration<?> service : services) {
                try {
                    service.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle is stopping, and the framework has unregistered it already
                }
            }
            tree.clear(); // closes the plugins' subscriptions through the plugin-call threads, so before those stop
            mgmt.close();
            server.destroy(); // the executors it was given are detached: the protocol stage is stopped here
            protocol.shutdownNow();
            notifier.shutdownNow();
            try {
                // A save in progress on the notifier ends first: the history file has one writer at a time.
                notifier.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            history.close();
            calls.close();
            quarantine.close();
        }
    }

    @Activate
    void activate(BundleContext context, CoapEndpointConfig config, SecurityConfig security) throws IOException {
        String dataDir = context.getProperty("lampyris.data.dir");
        boolean development = Boolean.parseBoolean(context.getProperty(PostCredentials.DEVELOPMENT_PROPERTY));
        PostCredentials credentials = PostCredentials.of(security, development,
                dataDir == null ? null : Path.of(dataDir), config.post_id());
        Identities identities = credentials.identities();
        boolean plain = !security.plain_coap().equals("off");
        if (plain && !security.plain_coap().equals("read-only")) {
            throw new IllegalArgumentException("plain.coap '" + security.plain_coap() + "' is neither read-only nor off");
        }
        AccessPolicy policy = new AccessPolicy(List.of(security.policy()), plain);
        IdentitiesResource identityChanges = null;
        DtlsEndpoint.register();
        Configuration settings = CaliforniumSettings.of(config);
        // Anything in Californium that asks for the standard configuration gets this one rather than reading or
        // writing Californium3.properties in the working directory.
        Configuration.setStandard(settings);
        PostIdentity post = new PostIdentity(config.post_id());
        InetSocketAddress bind = new InetSocketAddress(config.bind_address(), config.port());
        CoapServer coap = new CoapServer(settings) {
            @Override
            protected Resource createRoot() {
                return new PostRoot();
            }
        };
        ((PostRoot) coap.getRoot()).describe(post);
        if (plain) {
            coap.addEndpoint(new Builder().setConfiguration(settings).setInetSocketAddress(bind)
                    .setDataSerializerAndParser(new UdpDataSerializer(), parser(settings)).build());
        }
        if (security.dtls_port() >= 0) {
            String confDir = context.getProperty("lampyris.conf.dir");
            // Bundle uploads arrive over DTLS only, so only this endpoint reassembles bodies of their size.
            Configuration dtlsSettings = new Configuration(settings);
            dtlsSettings.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.max_upload_size());
            org.eclipse.californium.core.network.CoapEndpoint dtls = DtlsEndpoint.create(dtlsSettings,
                    new InetSocketAddress(config.bind_address(), security.dtls_port()), security, credentials,
                    Path.of(confDir == null ? "conf" : confDir), parser(settings), timer);
            coap.addEndpoint(dtls);
            PskSessions sessions = new PskSessions(dtls.getConnector());
            identityChanges = new IdentitiesResource(IdentityChanges.of(security, development, credentials,
                    dataDir == null ? null : Path.of(dataDir)), sessions::end);
        }
        if (coap.getEndpoints().isEmpty()) {
            throw new IllegalArgumentException("plain.coap is off and dtls.port is -1: the post would not listen");
        }
        coap.setMessageDeliverer(new GuardedDeliverer(coap.getRoot(), settings, identities, policy));
        PluginCalls calls = new PluginCalls(config.handler_timeout_ms(), config.plugin_threads(),
                config.plugin_queue(), config.plugin_thread_idle_s());
        // Californium's protocol stage is made here; its timers (by default two threads of their own) run on the
        // post's one timer, with the DTLS connector's: a controller's one or two cores gain nothing from idle threads.
        // Detached: destroying the server stops neither; the protocol stage is stopped with the endpoint.
        ScheduledExecutorService protocol = ExecutorsUtil.newScheduledThreadPool(
                settings.get(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT), new NamedThreadFactory("CoapServer(main)#"));
        coap.setExecutors(protocol, timer, true);
        // The observers of every point are notified one at a time by this endpoint's scheduler (and the history is
        // saved by it). Its queue is bounded by the number of points: each point has at most one notification queued
        // (ObservedValue), whatever its plugin does.
        ScheduledExecutorService notifier = serial;
        Quarantine guards = new Quarantine(config.quarantine_failures(), Set.of(config.quarantine_exempt()));
        PointTree tree = new PointTree(coap.getRoot(), new PointContext(post, calls, notifier,
                config.notify_min_interval_ms(), config.observed_value_max_age_ms(), guards::guard));
        ManagementTree mgmt = new ManagementTree();
        coap.add(mgmt);
        HistoryRecorder history = history(dataDir, config, tree);
        coap.add(new HistoryResource(history.history(), post, history::nowMillis));
        Running started = new Running(coap, protocol, tree, mgmt, calls, notifier, guards, history,
                new CopyOnWriteArrayList<>());
        quarantine = guards;
        running = started;
        // The points offered so far, before the server answers its first request. An offer made meanwhile reaches the
        // tree from addPoint or from here, or both: add() publishes an offer once, and never one withdrawn meanwhile.
        points.values().forEach(tree::add);
        history.start(notifier, config.history_save_minutes());
        managers.values().forEach(m -> mgmt.publish(m.getKey(), m.getValue()));
        if (identityChanges != null) {
            mgmt.publish(IDENTITIES, identityChanges);
        }
        try {
            coap.start();
        } catch (RuntimeException e) {
            deactivate();
            throw new IllegalStateException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        List<String> uris = coap.getEndpoints().stream().map(e -> e.getUri().toString()).toList();
        LOG.info("Lampyris {} post {} serves {} ({} points; {}; plain CoAP {})", development ? "development" : "street",
                post.postId(), uris, tree.paths().size(), identities, security.plain_coap());
        // Before the listening marker, so that a post that says it listens serves its bridges too.
        started.services().add(context.registerService(PointDirectory.class, new PublishedPoints(tree), null));
        for (org.eclipse.californium.core.network.Endpoint endpoint : coap.getEndpoints()) {
            if (endpoint instanceof org.eclipse.californium.core.network.CoapEndpoint e
                    && e.getConnector() instanceof DtlsConnections connections) {
                started.services().add(context.registerService(DtlsConnections.class,
                        (DtlsConnections) connections::figures, null));
            }
        }
        // Tells the launcher, which sees no class of ours, that the post answers now and where.
        Hashtable<String, Object> where = new Hashtable<>();
        where.put(LISTENING_PROPERTY, uris.toArray(new String[0]));
        started.services().add(context.registerService(Object.class.getName(), new Object(), where));
    }

    /** The points' history, taken over from the data directory's history file if there is one. */
    private HistoryRecorder history(String dataDir, CoapEndpointConfig config, PointTree tree) {
        Path file = dataDir == null ? null : Path.of(dataDir).resolve(HistoryRecorder.FILE);
        TimeSource clock = time;
        PointHistory kept = HistoryRecorder.load(file, config.history_minutes(), config.history_points(),
                clock == null ? Long.MAX_VALUE : clock.now().toEpochMilli());
        return new HistoryRecorder(tree, kept, () -> time, file);
    }

    private static StrictUdpParser parser(Configuration settings) {
        return new StrictUdpParser(settings.get(CoapConfig.STRICT_EMPTY_MESSAGE_FORMAT), StrictUdpParser.PROCESSED);
    }

    @Deactivate
    void deactivate() {
        Running stopping;
        synchronized (this) { // taken once, stopped outside the lock: stopping calls plugins
            stopping = running;
            running = null;
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    @Reference(service = Point.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addPoint(ServiceReference<Point> reference, Point point, Map<String, Object> properties) {
        long id = (Long) properties.get(Constants.SERVICE_ID);
        String path = String.valueOf(properties.getOrDefault(PointPath.PROPERTY, ""));
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        PointOffer offer = new PointOffer(id, path, point, ranking, reference.getBundle());
        PointOffer previous = points.put(id, offer);
        if (previous != null) { // offered again without being withdrawn: the new offer replaces the old one
            previous.cancel();
        }
        Running current = running;
        if (current != null) {
            if (previous != null) {
                current.tree().remove(id);
            }
            current.tree().add(offer);
        }
    }

    void removePoint(ServiceReference<Point> reference, Point point, Map<String, Object> properties) {
        long id = (Long) properties.get(Constants.SERVICE_ID);
        PointOffer offer = points.remove(id);
        if (offer != null) {
            // Before the tree hears of it: an activation publishing this offer right now then refuses it.
            offer.cancel();
        }
        Running current = running;
        if (current != null) {
            current.tree().remove(id);
        }
    }

    /**
     * A changed path is a different point: withdraw the old one and publish the new one. Other property changes (a
     * plugin's configuration, say) leave the published point alone, so its clients never see it missing.
     */
    void updatedPoint(ServiceReference<Point> reference, Point point, Map<String, Object> properties) {
        long id = (Long) properties.get(Constants.SERVICE_ID);
        String path = String.valueOf(properties.getOrDefault(PointPath.PROPERTY, ""));
        PointOffer known = points.get(id);
        if (known != null && known.path().equals(path)) {
            return;
        }
        removePoint(reference, point, properties);
        addPoint(reference, point, properties);
    }

    @Reference(service = ManagementResource.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addManager(ManagementResource resource, Map<String, Object> properties) {
        Object name = properties.get(ManagementResource.NAME);
        if (!(name instanceof String n) || !n.matches("[^/]+(/[^/]+)?") || n.equals(IDENTITIES)) {
            LOG.warn("Ignoring a management resource without a valid {}: {}", ManagementResource.NAME, name);
            return;
        }
        managers.put((Long) properties.get(Constants.SERVICE_ID), Map.entry(n, resource));
        Running current = running;
        if (current != null) {
            current.mgmt().publish(n, resource);
        }
    }

    void removeManager(ManagementResource resource, Map<String, Object> properties) {
        Map.Entry<String, ManagementResource> gone = managers.remove((Long) properties.get(Constants.SERVICE_ID));
        Running current = running;
        if (gone != null && current != null) {
            current.mgmt().withdraw(gone.getKey(), resource);
        }
    }

    /** @return the paths published now, sorted */
    public List<String> publishedPaths() {
        Running current = running;
        return current == null ? List.of() : current.tree().paths();
    }

    /** @return the points that were refused, as "path: reason" */
    public List<String> refusedPoints() {
        Running current = running;
        return current == null ? List.of()
                : current.tree().refusals().stream().map(r -> r.path() + ": " + r.reason()).toList();
    }

    @Override
    public List<QuarantinedPlugin> quarantined() {
        return quarantine.quarantined();
    }

    /** @return the address the endpoint listens on, or null while stopped */
    public InetSocketAddress address() {
        Running current = running;
        return current == null ? null : current.address();
    }
}
