package org.lampyris.coap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.regex.Pattern;


import org.eclipse.californium.core.server.resources.Resource;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource tree of the post's points. Points are keyed by their service id: a point appears when its service is
 * registered, and disappears, with a final 4.04 to its observers, the moment the service goes away. Folders such as
 * {@code /light} are created for the first point under them and removed with the last.
 * <p>
 * A point whose path is malformed or already taken is not published; the refusal is logged and kept in
 * {@link #refusals()}.
 */
final class PointTree {
    private static final Logger LOG = LoggerFactory.getLogger(PointTree.class);
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final int MAX_DEPTH = 4;

    /** A point that was not published, and why. */
    record Refusal(long serviceId, String path, String reason) {
    }

    /** A point refused because its path was taken: it is published if the holder goes away. */
    private record Candidate(long serviceId, String path, Point point, int ranking, Bundle bundle) {
    }

    /** Best first: the highest service ranking, then the lowest service id, as OSGi orders services. */
    private static final Comparator<Candidate> BEST = Comparator.comparingInt(Candidate::ranking).reversed()
            .thenComparingLong(Candidate::serviceId);

    private final Resource root;
    private final PostIdentity post;
    private final PluginCalls calls;
    private final ScheduledExecutorService notifier;
    private final long notifyIntervalMillis;
    private final Function<Bundle, Quarantine.Guard> guards;
    private final Map<Long, PointResource> byService = new HashMap<>();
    private final Map<String, Long> byPath = new HashMap<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final Map<Long, Candidate> waiting = new HashMap<>();
    /** Services being published right now, and those of them withdrawn before they were. */
    private final Set<Long> adding = new HashSet<>();
    private final Set<Long> cancelled = new HashSet<>();
    private boolean cleared;

    PointTree(Resource root, PostIdentity post, PluginCalls calls, ScheduledExecutorService notifier,
            long notifyIntervalMillis, Function<Bundle, Quarantine.Guard> guards) {
        this.root = root;
        this.post = post;
        this.calls = calls;
        this.notifier = notifier;
        this.notifyIntervalMillis = notifyIntervalMillis;
        this.guards = guards;
    }

    /**
     * Publishes a point. No lock is held while the plugin is called (its {@code info()} and {@code observe()}).
     *
     * @param ranking the service's ranking, which decides who gets a path that several points wanted
     * @return true if it was published
     */
    boolean add(long serviceId, String path, Point point, int ranking, Bundle bundle) {
        synchronized (this) {
            if (cleared || byService.containsKey(serviceId)) {
                // The endpoint may offer a point twice while it starts; the first offer stands.
                return !cleared;
            }
            adding.add(serviceId);
        }
        try {
            return publish(serviceId, path, point, ranking, bundle);
        } finally {
            synchronized (this) {
                adding.remove(serviceId);
                cancelled.remove(serviceId);
            }
        }
    }

    private boolean publish(long serviceId, String path, Point point, int ranking, Bundle bundle) {
        String problem = validate(path);
        PointInfo info = null;
        if (problem == null) {
            try {
                info = calls.call(point::info);
                if (info == null) {
                    problem = "the point returned no info";
                }
            } catch (Exception e) {
                problem = "the point's info() failed: " + e;
            }
        }
        PointResource resource;
        synchronized (this) {
            if (cleared || cancelled.contains(serviceId)) {
                return false; // withdrawn while its plugin was being asked for its info
            }
            if (problem == null && byPath.containsKey(path)) {
                problem = "path already taken by service " + byPath.get(path);
                waiting.put(serviceId, new Candidate(serviceId, path, point, ranking, bundle));
            }
            String[] segments = problem == null ? path.substring(1).split("/") : null;
            Resource parent = problem == null ? folder(segments) : null;
            if (problem == null && parent == null) {
                problem = "the path or one of its folders is already taken";
            }
            if (problem != null) {
                LOG.warn("Point service {} at '{}' is not published: {}", serviceId, path, problem);
                refusals.add(new Refusal(serviceId, path, problem));
                return false;
            }
            refusals.removeIf(r -> r.serviceId() == serviceId);
            waiting.remove(serviceId);
            resource = new PointResource(segments[segments.length - 1], path, point, info, post, calls, notifier,
                    notifyIntervalMillis, guards.apply(bundle));
            parent.add(resource);
            byService.put(serviceId, resource);
            byPath.put(path, serviceId);
        }
        resource.open();
        LOG.debug("Published point {}", path);
        return true;
    }

    /**
     * Removes the point of a service, if it was published, and publishes in its place the best point that was refused
     * for the same path.
     */
    void remove(long serviceId) {
        PointResource resource;
        Candidate next = null;
        synchronized (this) {
            refusals.removeIf(r -> r.serviceId() == serviceId);
            waiting.remove(serviceId);
            resource = byService.remove(serviceId);
            if (resource == null) {
                if (adding.contains(serviceId)) {
                    cancelled.add(serviceId);
                }
                return;
            }
            byPath.remove(resource.pointPath());
            Resource parent = resource.getParent();
            resource.withdraw();
            prune(parent);
            if (!cleared) {
                next = waiting.values().stream().filter(c -> c.path().equals(resource.pointPath())).min(BEST)
                        .orElse(null);
                if (next != null) {
                    waiting.remove(next.serviceId());
                    long id = next.serviceId();
                    refusals.removeIf(r -> r.serviceId() == id);
                }
            }
        }
        resource.unsubscribe();
        LOG.debug("Withdrew point {}", resource.pointPath());
        if (next != null) {
            LOG.info("Point service {} takes over {}", next.serviceId(), next.path());
            add(next.serviceId(), next.path(), next.point(), next.ranking(), next.bundle());
        }
    }

    /** Removes every point, as when the endpoint stops. */
    void clear() {
        List<Long> ids;
        synchronized (this) {
            cleared = true;
            waiting.clear();
            ids = new ArrayList<>(byService.keySet());
        }
        ids.forEach(this::remove);
    }

    synchronized List<String> paths() {
        return byPath.keySet().stream().sorted().toList();
    }

    synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** @return the folder that holds the last segment, created as needed; null if a point is in the way */
    private Resource folder(String[] segments) {
        Resource current = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Resource child = current.getChild(segments[i]);
            if (child == null) {
                child = new CollectionResource(segments[i], post);
                current.add(child);
            } else if (!(child instanceof CollectionResource)) {
                return null;
            }
            current = child;
        }
        Resource last = current.getChild(segments[segments.length - 1]);
        return last == null ? current : null;
    }

    private void prune(Resource folder) {
        Resource current = folder;
        while (current instanceof CollectionResource && current.getChildren().isEmpty()) {
            Resource parent = current.getParent();
            parent.delete(current);
            current = parent;
        }
    }

    /** @return why the path is not acceptable, or null if it is */
    static String validate(String path) {
        if (path == null || path.isEmpty()) {
            return "a point needs the service property lampyris.point.path";
        }
        if (!path.startsWith("/")) {
            return "the path must start with /";
        }
        String[] segments = path.substring(1).split("/", -1);
        if (segments.length > MAX_DEPTH) {
            return "the path has more than " + MAX_DEPTH + " segments";
        }
        if (segments[0].equals(".well-known") || segments[0].equals("mgmt")) {
            return "/" + segments[0] + " is reserved for the platform";
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches()) {
                return "segment '" + s + "' is not 1-32 lower-case letters, digits or '-'";
            }
        }
        return null;
    }
}
