package org.lampyris.management.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.lampyris.api.Scheduling;
import org.lampyris.api.Subscription;
import org.lampyris.api.health.DtlsConnections;
import org.lampyris.api.health.LinkStatus;
import org.lampyris.api.health.OutboundLink;
import org.lampyris.api.health.PluginQuarantine;
import org.lampyris.internal.json.Json;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.DeviceServiceProperties;
import org.lampyris.hal.Site;
import org.lampyris.management.bundles.BundleStates;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mgmt/health}: what an engineer checks first. The bundles that are not active, the components that failed
 * to activate or wait for a service, the quarantined plugins with their reasons, whether the fail-safe level holds
 * the light, where the post stands (its {@link Site}), the points the whiteboard refused with the reason, the DTLS connection store's figures, the links to the
 * systems beside and above the post ({@link OutboundLink}, such as the OCPP link to the CSMS), memory and uptime.
 * {@code "status"} is {@code ok} when nothing of that needs attention (the connection store's figures aside), otherwise
 * {@code degraded}; a link needs attention when it is down while messages wait for it.
 * <p>
 * Observable: an observer is notified when anything but the memory and uptime figures, the number of DTLS
 * connections and the number of messages queued on a link changes, checked every {@value #CHECK_SECONDS} seconds.
 */
@Component(service = ManagementResource.class, property = ManagementResource.NAME + "=health")
public class HealthResource implements ManagementResource {
    static final int CHECK_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);
    private static final String FAILSAFE_PATH = StandardPoint.Paths.LIGHT_FAILSAFE;

    private final Instant started = Instant.now();
    @Reference
    private ServiceComponentRuntime scr;
    private BundleContext context;
    /** This component's scheduler, on the post's shared workers: the checks for the observers run on it. */
    @Reference(target = Scheduling.SERIAL)
    private ScheduledExecutorService scheduler;
    /** One periodic check per observed publication of /mgmt/health (the endpoint may publish it again). */
    private final List<ScheduledFuture<?>> checkers = new CopyOnWriteArrayList<>();

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Deactivate
    void deactivate() {
        checkers.forEach(check -> check.cancel(false));
        checkers.clear();
    }

    @Override
    public ManagementResponse handle(ManagementRequest request) {
        if (!request.path().isEmpty()) {
            return ManagementResponse.text(404, "/mgmt/health has no sub-resources");
        }
        if (!request.method().equals("GET")) {
            return ManagementResponse.text(405, request.method() + " /mgmt/health: health is read-only (GET)");
        }
        return ManagementResponse.json(205, Json.write(report()));
    }

    @Override
    public Subscription observe(Runnable changed) {
        // The first check, at once, only takes the baseline: not here, because the CoAP endpoint calls this while it
        // activates, and the report asks it for its quarantine list.
        Object[] last = { null };
        ScheduledFuture<?> running = scheduler.scheduleWithFixedDelay(() -> {
            try {
                Map<String, Object> now = comparable();
                if (last[0] != null && !Objects.equals(last[0], now)) {
                    changed.run();
                }
                last[0] = now;
            } catch (RuntimeException e) { // a failed check must not end the checks
                LOG.warn("Checking the health for its observers failed", e);
            }
        }, 0, CHECK_SECONDS, TimeUnit.SECONDS);
        checkers.add(running);
        return () -> {
            running.cancel(false);
            checkers.remove(running);
        };
    }

    /** @return the report without the figures that change all the time */
    private Map<String, Object> comparable() {
        Map<String, Object> report = report();
        report.remove("memory");
        report.remove("uptimeSeconds");
        if (report.get("dtls") instanceof Map<?, ?> dtls) {
            dtls.remove("connections"); // clients come and go all the time; a full store is news, they are not
        }
        if (report.get("links") instanceof List<?> links) {
            for (Object link : links) {
                if (link instanceof Map<?, ?> l) {
                    l.remove("queued"); // grows with every sample while a link is down; down is the news
                }
            }
        }
        return report;
    }

    /**
     * @return whether this is a development post, which accepts the public development credentials, and why; a street
     *         post is not
     */
    private Map<String, Object> development() {
        Map<String, Object> development = new LinkedHashMap<>();
        boolean active = Boolean.parseBoolean(context.getProperty("lampyris.development"));
        development.put("active", active);
        if (active) {
            development.put("reason", "started with --dev: accepts the public development identities, client "
                    + "certificates and code-signing authority of conf/security/; never in a street");
        }
        return development;
    }

    /**
     * @return where the post stands, from the HAL's {@link Site} ({@code latitude} and {@code longitude} in degrees,
     *         WGS 84), for a fleet's plan; null while no site is registered
     */
    private Map<String, Object> site() {
        ServiceReference<Site> reference = context.getServiceReference(Site.class);
        Site site = reference == null ? null : context.getService(reference);
        if (site == null) {
            return null;
        }
        try {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("latitude", site.latitude());
            entry.put("longitude", site.longitude());
            return entry;
        } finally {
            context.ungetService(reference);
        }
    }

    /** @return the report, as JSON-ready maps and lists */
    Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        List<Map<String, Object>> inactive = inactiveBundles();
        List<Map<String, Object>> failed = new ArrayList<>();
        List<Map<String, Object>> waiting = new ArrayList<>();
        components(failed, waiting);
        List<Map<String, Object>> quarantined = quarantined();
        List<Map<String, Object>> refusedPoints = refusedPoints();
        Map<String, Object> failSafe = failSafe();
        List<Map<String, Object>> devices = devices();
        List<LinkStatus> links = links();
        boolean ok = inactive.isEmpty() && failed.isEmpty() && waiting.isEmpty() && quarantined.isEmpty()
                && refusedPoints.isEmpty() && devices.stream().allMatch(d -> Boolean.TRUE.equals(d.get("available")))
                && links.stream().noneMatch(LinkStatus::needsAttention);
        report.put("status", ok ? "ok" : "degraded");
        report.put("post", String.valueOf(context.getProperty("lampyris.post.id")));
        report.put("development", development());
        Map<String, Object> site = site();
        if (site != null) {
            report.put("site", site);
        }
        report.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        report.put("bundles", Map.of("installed", context.getBundles().length, "notActive", inactive));
        report.put("failedComponents", failed);
        report.put("unsatisfiedComponents", waiting);
        report.put("quarantined", quarantined);
        report.put("refusedPoints", refusedPoints);
        report.put("failSafe", failSafe);
        report.put("devices", devices);
        Map<String, Object> dtls = dtlsConnections();
        if (dtls != null) {
            report.put("dtls", dtls);
        }
        report.put("links", links.stream().map(HealthResource::link).toList());
        report.put("memory", memory());
        return report;
    }

    private List<Map<String, Object>> inactiveBundles() {
        List<Map<String, Object>> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
            if (b.getState() != Bundle.ACTIVE && !(fragment && b.getState() == Bundle.RESOLVED)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("symbolicName", String.valueOf(b.getSymbolicName()));
                entry.put("version", b.getVersion().toString());
                entry.put("state", BundleStates.name(b.getState()));
                inactive.add(entry);
            }
        }
        return inactive;
    }

    private void components(List<Map<String, Object>> failed, List<Map<String, Object>> waiting) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("component", description.name);
                entry.put("bundle", description.bundle.symbolicName);
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    entry.put("failure", firstLine(configuration.failure));
                    failed.add(entry);
                } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    List<String> missing = new ArrayList<>();
                    for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                        missing.add(reference.name);
                    }
                    entry.put("waitingFor", missing);
                    waiting.add(entry);
                }
            }
        }
    }

    private List<Map<String, Object>> quarantined() {
        return listed(PluginQuarantine.class, PluginQuarantine::quarantined, q -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("symbolicName", q.symbolicName());
            entry.put("version", q.version());
            entry.put("reason", q.reason());
            entry.put("since", q.since().toString());
            return entry;
        });
    }

    /** The points the whiteboard refused (a path held by another point, a malformed one), with the reason. */
    private List<Map<String, Object>> refusedPoints() {
        return listed(PointDirectory.class, PointDirectory::refused, r -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", r.path());
            entry.put("bundle", r.bundle());
            entry.put("reason", r.reason());
            return entry;
        });
    }

    /**
     * @return what a platform service lists, one entry each; empty while the service is absent. The service is got
     *         for this one report and released after it.
     */
    private <S, T> List<Map<String, Object>> listed(Class<S> type, Function<S, List<T>> items,
            Function<T, Map<String, Object>> entry) {
        List<Map<String, Object>> list = new ArrayList<>();
        ServiceReference<S> reference = context.getServiceReference(type);
        S service = reference == null ? null : context.getService(reference);
        if (service == null) {
            return list;
        }
        try {
            items.apply(service).forEach(item -> list.add(entry.apply(item)));
        } finally {
            context.ungetService(reference);
        }
        return list;
    }

    /**
     * The real devices under the HAL, from the {@link DeviceServiceProperties} their drivers keep on the services they
     * register, whoever the driver: whether each answers, and why not. The simulator registers none.
     */
    private List<Map<String, Object>> devices() {
        List<Map<String, Object>> devices = new ArrayList<>();
        ServiceReference<?>[] references;
        try {
            references = context.getAllServiceReferences(null, "(" + DeviceServiceProperties.NAME + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        if (references == null) {
            return devices;
        }
        for (ServiceReference<?> r : references) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", String.valueOf(r.getProperty(DeviceServiceProperties.NAME)));
            entry.put("description", String.valueOf(r.getProperty(DeviceServiceProperties.DESCRIPTION)));
            entry.put("available", Boolean.TRUE.equals(r.getProperty(DeviceServiceProperties.AVAILABLE)));
            Object reason = r.getProperty(DeviceServiceProperties.REASON);
            if (reason != null) {
                entry.put("reason", String.valueOf(reason));
            }
            devices.add(entry);
        }
        devices.sort(java.util.Comparator.comparing(d -> (String) d.get("name")));
        return devices;
    }

    /**
     * @return the DTLS connection store's figures: connections held, capacity, stale threshold, and how often a new
     *         peer's handshake was dropped because it was full; null while the post serves no DTLS
     */
    private Map<String, Object> dtlsConnections() {
        List<Map<String, Object>> stores = listed(DtlsConnections.class, c -> List.of(c.figures()), f -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("connections", f.inUse());
            entry.put("capacity", f.capacity());
            entry.put("staleThresholdSeconds", f.staleThresholdSeconds());
            entry.put("timesFull", f.timesFull());
            entry.put("lastFull", f.lastFull() == null ? null : f.lastFull().toString());
            return entry;
        });
        return stores.isEmpty() ? null : stores.get(0);
    }

    /** @return the status of every {@link OutboundLink} registered, by name */
    private List<LinkStatus> links() {
        List<LinkStatus> links = new ArrayList<>();
        java.util.Collection<ServiceReference<OutboundLink>> references;
        try {
            references = context.getServiceReferences(OutboundLink.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
        for (ServiceReference<OutboundLink> r : references) {
            OutboundLink link = context.getService(r);
            if (link == null) {
                continue;
            }
            try {
                links.add(link.status());
            } catch (RuntimeException e) {
                LOG.warn("A link's status could not be read", e);
            } finally {
                context.ungetService(r);
            }
        }
        links.sort(java.util.Comparator.comparing(LinkStatus::name));
        return links;
    }

    static Map<String, Object> link(LinkStatus s) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", s.name());
        entry.put("peer", s.peer());
        entry.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        entry.put("since", s.since().toString());
        entry.put("lastError", s.lastError());
        entry.put("lastErrorAt", s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
        entry.put("queued", s.queued());
        entry.put("dropped", s.dropped());
        entry.put("details", new java.util.TreeMap<>(s.details()));
        return entry;
    }

    private Map<String, Object> failSafe() {
        Map<String, Object> failSafe = new LinkedHashMap<>();
        List<String> holders = new ArrayList<>();
        try {
            for (ServiceReference<LightingControl> r : context.getServiceReferences(LightingControl.class, null)) {
                holders.add(r.getBundle() == null ? "?" : r.getBundle().getSymbolicName());
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
        failSafe.put("engaged", holders.isEmpty());
        failSafe.put("lightingPlugins", holders);
        failSafe.put("level", failSafeLevel());
        return failSafe;
    }

    /** @return the fail-safe level as its point reads it, or null when no such point is registered */
    private Object failSafeLevel() {
        try {
            for (ServiceReference<Point> r : context.getServiceReferences(Point.class,
                    "(" + PointPath.PROPERTY + "=" + FAILSAFE_PATH + ")")) {
                Point point = context.getService(r);
                if (point != null) {
                    try {
                        return point.read().number();
                    } catch (Exception e) {
                        return "unreadable: " + e.getMessage();
                    } finally {
                        context.ungetService(r);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    private static Map<String, Object> memory() {
        Map<String, Object> memory = new LinkedHashMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        memory.put("heapUsedBytes", heap.getUsed());
        memory.put("heapMaxBytes", heap.getMax());
        long resident = residentBytes();
        if (resident >= 0) {
            memory.put("residentBytes", resident);
        }
        return memory;
    }

    /** @return VmRSS of this process from /proc (Linux), or -1 elsewhere */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static String firstLine(String failure) {
        if (failure == null) {
            return "activation failed";
        }
        int eol = failure.indexOf('\n');
        return (eol < 0 ? failure : failure.substring(0, eol)).trim();
    }
}
