package org.lampyris.ngsild;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lampyris.api.Subscription;
import org.lampyris.api.air.AirQuality;
import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.counting.TrafficCounting;
import org.lampyris.api.health.OutboundLink;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.Site;
import org.lampyris.hal.TimeSource;
import org.lampyris.ngsild.SmartDataModels.CountInterval;
import org.lampyris.ngsild.SmartDataModels.Position;
import org.lampyris.internal.concurrent.OneThread;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the post to the city's NGSI-LD context broker: the capabilities present on the post (any vendor's
 * plugin) become Smart Data Models entities ({@link SmartDataModels}), which the {@link ChangeFilter} lets through on
 * change and on refresh, and the counting intervals ({@link CountIntervals}) as they end; each goes into the durable
 * {@link Outbox}, which the {@link BrokerLink} delivers. Health lists the link ({@link OutboundLink}).
 * <p>
 * The capabilities are optional and greedy: when a plugin comes or goes the component starts again with what is
 * there (the outbox is on disk), and while no lighting plugin holds the luminaire the Streetlight says the fail-safe
 * drives it. Everything runs on one thread, {@value #THREAD}.
 */
@Component(service = {}, configurationPid = NgsiLdConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = NgsiLdConfig.class)
public class EntityPublisher {
    static final String THREAD = "lampyris-ngsild";
    static final String OUTBOX_FOLDER = "ngsild-outbox";
    static final String FAILSAFE = "failsafe";
    private static final Logger LOG = LoggerFactory.getLogger(EntityPublisher.class);

    private final NgsiLdConfig config;
    private final TimeSource time;
    private final Site site;
    private final LightingControl lighting;
    private final String lightingProgram;
    private final AirQuality air;
    private final ChargePoint chargePoint;
    private final TrafficCounting counting;
    private final PointDirectory points;
    private final String postId;
    private final ScheduledExecutorService executor;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private ServiceRegistration<OutboundLink> health;
    private Outbox outbox;
    private BrokerLink link;
    private ChangeFilter filter;
    private CountIntervals intervals;

    @Activate
    public EntityPublisher(BundleContext context, NgsiLdConfig config, @Reference TimeSource time,
            @Reference Site site,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            LightingControl lighting,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            AirQuality air,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ChargePoint chargePoint,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            TrafficCounting counting,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            PointDirectory points) {
        this.config = config;
        this.time = time;
        this.site = site;
        this.lighting = lighting;
        this.air = air;
        this.chargePoint = chargePoint;
        this.counting = counting;
        this.points = points;
        this.postId = property(context, "lampyris.post.id", "post-1");
        this.lightingProgram = lighting == null ? FAILSAFE : program(context, lighting);
        String url = config.broker_url().trim();
        if (url.isEmpty()) {
            LOG.info("NGSI-LD off: no broker.url in the configuration {}", NgsiLdConfig.PID);
            executor = null;
            return;
        }
        URI upsert;
        try {
            upsert = BrokerUrl.upsert(url, Boolean.parseBoolean(context.getProperty("lampyris.development")));
        } catch (IllegalArgumentException e) {
            LOG.error("NGSI-LD off: {}", e.getMessage());
            executor = null;
            return;
        }
        executor = OneThread.scheduler(THREAD);
        outbox = new Outbox(dataFolder(context), config.outbox_limit());
        filter = new ChangeFilter(config.deadband(), Duration.ofSeconds(config.min_interval_s()),
                Duration.ofSeconds(config.refresh_interval_s()));
        intervals = new CountIntervals(Duration.ofSeconds(config.counting_interval_s()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.request_timeout_s()))
                .build();
        link = new BrokerLink(executor, http, upsert, config, outbox);
        LOG.info("NGSI-LD: publishing post {} to {}{}{} ({} updates queued)", postId, link.peer(),
                config.tenant().isBlank() ? "" : ", tenant " + config.tenant().trim(),
                !config.bearer_token().isBlank() ? " with a bearer token"
                        : !config.basic_auth_user().isBlank() ? " with Basic credentials" : "",
                outbox.size());
        if (lighting != null) {
            subscriptions.add(lighting.onChange(s -> executor.execute(this::publish)));
        }
        if (air != null) {
            subscriptions.add(air.onReport(r -> executor.execute(this::publish)));
        }
        if (chargePoint != null) {
            subscriptions.add(chargePoint.onChange(s -> executor.execute(this::publish)));
        }
        if (counting != null) {
            subscriptions.add(counting.onChange(s -> executor.execute(() -> counted(intervals.update(s)))));
            executor.execute(() -> counted(intervals.update(counting.status())));
        }
        long tick = Math.max(50, Math.min(1000, time.toRealTime(Duration.ofSeconds(config.min_interval_s()))
                .toMillis() / 2));
        executor.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
        health = context.registerService(OutboundLink.class, link::status, null);
    }

    /** Every entity whose state is due (first, changed, or to refresh) into the outbox, then on to the broker. */
    private void publish() {
        Instant now = time.now();
        Position at = new Position(site.latitude(), site.longitude());
        for (Map<String, Object> entity : entities(at)) {
            if (filter.offer(entity, now)) {
                outbox.add(entity);
            }
        }
        link.pump();
    }

    private void tick() {
        try {
            if (counting != null) {
                counted(intervals.tick(time.now()));
            }
            publish();
        } catch (RuntimeException e) {
            // A plugin that throws must not end the timer: the next tick tries again.
            LOG.warn("NGSI-LD: the post's state could not be read: {}", e.toString());
        }
    }

    private void counted(List<CountInterval> ended) {
        Position at = new Position(site.latitude(), site.longitude());
        for (CountInterval i : ended) {
            outbox.add(SmartDataModels.crowdFlow(postId, at, i));
            outbox.add(SmartDataModels.cyclistFlow(postId, at, i));
            outbox.add(SmartDataModels.vehicleFlow(postId, at, i));
        }
        if (!ended.isEmpty()) {
            link.pump();
        }
    }

    private List<Map<String, Object>> entities(Position at) {
        List<Map<String, Object>> entities = new ArrayList<>();
        LightingStatus light = lighting != null ? lighting.status() : failSafeLighting();
        if (light != null) {
            entities.add(SmartDataModels.streetlight(postId, at, light, lightingProgram));
        }
        if (air != null) {
            air.latest().ifPresent(r -> entities.add(SmartDataModels.airQuality(postId, at, r)));
        }
        if (chargePoint != null) {
            entities.add(SmartDataModels.chargingStation(postId, at, chargePoint.status(), chargePoint.operative(),
                    List.of(config.socket_types()), List.of(config.allowed_vehicle_types())));
        }
        return entities;
    }

    /**
     * @return the light as the fail-safe drives it, read from its point {@code /light/failsafe}; power, energy and
     *         failures unknown (no lighting plugin tells them); null if the fail-safe point is not published
     */
    private LightingStatus failSafeLighting() {
        if (points == null || !points.points().containsKey(StandardPoint.Paths.LIGHT_FAILSAFE)) {
            return null;
        }
        try {
            double level = points.read(StandardPoint.Paths.LIGHT_FAILSAFE).number();
            return new LightingStatus(time.now(), level, Double.NaN, Double.NaN, false, false);
        } catch (Exception e) {
            LOG.debug("NGSI-LD: the fail-safe level cannot be read: {}", e.toString());
            return null;
        }
    }

    private static String program(BundleContext context, LightingControl lighting) {
        var reference = context.getServiceReference(LightingControl.class);
        return reference == null || reference.getBundle() == null ? "lighting"
                : reference.getBundle().getSymbolicName();
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static Path dataFolder(BundleContext context) {
        File file = context.getDataFile(OUTBOX_FOLDER);
        return file == null ? null : file.toPath();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (health != null) {
            health.unregister();
        }
        subscriptions.forEach(Subscription::close);
        if (executor == null) {
            return;
        }
        executor.execute(link::close);
        executor.shutdown();
        if (!executor.awaitTermination(BrokerLink.CLOSE_WAIT_SECONDS + 5L, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
