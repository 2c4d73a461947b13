package org.lampyris.coap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.eclipse.californium.core.server.resources.Resource;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.RefusedPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post's published points, by service and by path, and their resources in Californium's tree. A point appears
 * when its service is offered, as a {@link PublishedPoint} (what the {@link PublishedPoints directory} finds by path)
 * served by a {@link PointResource}, and disappears, with a final 4.04 to its CoAP observers, the moment the service
 * goes away. Folders such as {@code /light} are created for the first point under them and removed with the last.
 * <p>
 * A point whose path is malformed or already taken is not published; the refusal is logged and kept in
 * {@link #refusals()}. The first point at a path keeps it; when it goes, the best of the points refused for that path
 * takes it over: the highest service ranking, then the lowest service id, as OSGi orders services. A stand-in (a
 * point of ranking {@link #STAND_IN}) is the exception: any other point at its path takes the path from it at once,
 * and the stand-in waits for the path as a refused point would, without being reported as refused.
 * <p>
 * Plugin code ({@code info()}, {@code observe()}, closing a subscription) is never called under the tree's lock, so
 * that a slow plugin holds up nothing but its own point. Offers are therefore published in two steps, and an offer
 * withdrawn between them ({@link PointOffer#cancel()}, or {@link #remove(long)} meanwhile) is not published.
 * <p>
 * Listeners of {@link #onChange} hear of every publication and withdrawal, on the endpoint's notifier thread once the
 * tree has changed; a burst of changes (a bundle that stops withdraws all its points) is told as one.
 */
final class PointTree {
    private static final Logger LOG = LoggerFactory.getLogger(PointTree.class);
    /** As {@code PointPath} documents: one to four segments of 1-32 lower-case letters, digits and '-'. */
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final int MAX_DEPTH = 4;


    /**
     * The service ranking of a stand-in: a point published only until another takes its path, such as the fail-safe's
     * read-only light level while no lighting plugin holds the lamp.
     */
    static final int STAND_IN = Integer.MIN_VALUE;

    /** A published point, the CoAP resource that serves it in the tree, and the offer it came from. */
    private record Publication(PublishedPoint point, PointResource resource, PointOffer offer) {
    }

    /** Best first: the highest service ranking, then the lowest service id. */
    private static final Comparator<PointOffer> BEST = Comparator.comparingInt(PointOffer::ranking).reversed()
            .thenComparingLong(PointOffer::serviceId);

    private final Resource root;
    private final PointContext context;
    // All guarded by this.
    private final Map<Long, Publication> byService = new HashMap<>();
    private final Map<String, Long> byPath = new HashMap<>();
    private final List<RefusedPoint> refusals = new ArrayList<>();
    /** Offers refused because their path was taken: published if the holder goes away. */
    private final Map<Long, PointOffer> waiting = new HashMap<>();
    /** Offers being published right now, between their two steps. */
    private final Set<PointOffer> adding = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean cleared;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    /** Whether the listeners are to be told of a change already; the first change after they were told queues it. */
    private final AtomicBoolean changePending = new AtomicBoolean();

    PointTree(Resource root, PointContext context) {
        this.root = root;
        this.context = context;
    }

    /**
     * Publishes a point. The same offer made twice (as the endpoint may while it starts) is published once.
     *
     * @return true if it is published (or being published by an earlier call)
     */
    boolean add(PointOffer offer) {
        synchronized (this) {
            if (cleared || offer.cancelled()) {
                return false;
            }
            if (adding.contains(offer) || byService.containsKey(offer.serviceId())) {
                return true; // the first offer stands
            }
            adding.add(offer);
        }
        return publishAdding(offer);
    }

    /** Publishes an offer already in {@link #adding}, and takes it out of there. */
    private boolean publishAdding(PointOffer offer) {
        try {
            return publish(offer);
        } finally {
            synchronized (this) {
                adding.remove(offer);
            }
        }
    }

    private boolean publish(PointOffer offer) {
        String path = offer.path();
        String problem = validate(path);
        PointInfo info = offer.info();
        if (problem == null && info == null) {
            try {
                info = context.calls().call(offer.point()::info);
                if (info == null) {
                    problem = "the point returned no info";
                }
            } catch (Exception e) {
                problem = "the point's info() failed: " + e;
            }
            offer.info(info); // constant for the life of the service: not asked again if it has to wait
        }
        PublishedPoint published;
        Publication displaced = null;
        synchronized (this) {
            if (cleared || offer.cancelled()) {
                return false; // withdrawn while its plugin was being asked for its info
            }
            if (byService.containsKey(offer.serviceId())) {
                return true;
            }
            if (problem == null && byPath.containsKey(path) && offer.ranking() > STAND_IN
                    && byService.get(byPath.get(path)).offer().ranking() == STAND_IN) {
                displaced = byService.remove(byPath.remove(path));
                displaced.point().withdraw();
                displaced.resource().delete(); // its CoAP observers get a final 4.04, and observe the new point
                waiting.put(displaced.offer().serviceId(), displaced.offer());
            }
            if (problem == null && byPath.containsKey(path)) {
                problem = "path already taken by service " + byPath.get(path);
                waiting.put(offer.serviceId(), offer);
            }
            String[] segments = problem == null ? path.substring(1).split("/") : null;
            Resource parent = problem == null ? folder(segments) : null;
            if (problem == null && parent == null) {
                problem = "the path or one of its folders is already taken";
            }
            if (problem != null && offer.ranking() == STAND_IN && waiting.containsKey(offer.serviceId())) {
                LOG.debug("Stand-in point service {} waits for '{}'", offer.serviceId(), path);
                return false;
            }
            if (problem != null) {
                LOG.warn("Point service {} at '{}' is not published: {}", offer.serviceId(), path, problem);
                forgetRefusal(offer.serviceId());
                refusals.add(new RefusedPoint(path, offer.serviceId(), offer.bundleName(), problem));
                return false;
            }
            forgetRefusal(offer.serviceId());
            waiting.remove(offer.serviceId());
            published = new PublishedPoint(path, offer.point(), info, context, context.guards().apply(offer.bundle()));
            PointResource resource = new PointResource(segments[segments.length - 1], published, context.post());
            parent.add(resource);
            byService.put(offer.serviceId(), new Publication(published, resource, offer));
            byPath.put(path, offer.serviceId());
        }
        if (displaced != null) {
            displaced.point().unsubscribe();
            LOG.debug("Point service {} takes {} from its stand-in", offer.serviceId(), path);
        }
        published.open();
        LOG.debug("Published point {}", path);
        changed();
        return true;
    }

    /**
     * Removes the point of a service, if it was published, and publishes in its place the best point that was refused
     * for the same path. A publication of the service still in progress is cancelled.
     */
    void remove(long serviceId) {
        Publication gone;
        PointOffer next;
        synchronized (this) {
            adding.stream().filter(o -> o.serviceId() == serviceId).forEach(PointOffer::cancel);
            forgetRefusal(serviceId);
            waiting.remove(serviceId);
            gone = byService.remove(serviceId);
            if (gone == null) {
                return;
            }
            byPath.remove(gone.point().path());
            gone.point().withdraw();
            Resource parent = gone.resource().getParent();
            gone.resource().delete(); // its CoAP observers get a final 4.04
            prune(parent);
            next = takeBestWaiting(gone.point().path());
        }
        gone.point().unsubscribe();
        String path = gone.point().path();
        LOG.debug("Withdrew point {}", path);
        changed();
        while (next != null) {
            LOG.info("Point service {} takes over {}", next.serviceId(), next.path());
            if (publishAdding(next)) {
                return;
            }
            synchronized (this) { // it went meanwhile: the next best, if the path is still free
                next = byPath.containsKey(path) ? null : takeBestWaiting(path);
            }
        }
    }

    /** @return the best offer waiting for a path, moved to {@link #adding}; null if none. Under the lock. */
    private PointOffer takeBestWaiting(String path) {
        if (cleared) {
            return null;
        }
        PointOffer best = waiting.values().stream().filter(o -> o.path().equals(path)).min(BEST).orElse(null);
        if (best != null) {
            waiting.remove(best.serviceId());
            forgetRefusal(best.serviceId());
            adding.add(best);
        }
        return best;
    }

    private void forgetRefusal(long serviceId) {
        refusals.removeIf(r -> r.serviceId() == serviceId);
    }

    /** Removes every point, as when the endpoint stops. */
    void clear() {
        List<Long> ids;
        synchronized (this) {
            cleared = true;
            waiting.clear();
            adding.forEach(PointOffer::cancel);
            ids = new ArrayList<>(byService.keySet());
        }
        ids.forEach(this::remove);
    }

    synchronized List<String> paths() {
        return byPath.keySet().stream().sorted().toList();
    }

    /** @return what each published point is, by path, sorted */
    synchronized Map<String, PointInfo> points() {
        Map<String, PointInfo> points = new TreeMap<>();
        byPath.forEach((path, serviceId) -> points.put(path, byService.get(serviceId).point().info()));
        return Collections.unmodifiableMap(points);
    }

    /** @return the point published at a path, or null if none is */
    synchronized PublishedPoint point(String path) {
        Long serviceId = byPath.get(path);
        return serviceId == null ? null : byService.get(serviceId).point();
    }

    /**
     * @param listener told, on the notifier thread, after points were published or withdrawn
     * @return the subscription that removes the listener
     */
    Subscription onChange(Runnable listener) {
        Runnable registered = listener::run; // its own identity, so that closing one registration leaves the others
        changeListeners.add(registered);
        return () -> changeListeners.remove(registered);
    }

    /** Queues one call of the listeners, if none is queued. Not under the lock: it is the notifier that calls them. */
    private void changed() {
        if (changeListeners.isEmpty() || !changePending.compareAndSet(false, true)) {
            return;
        }
        try {
            context.notifier().execute(this::tellChange);
        } catch (RejectedExecutionException e) {
            changePending.set(false); // the endpoint is stopping
        }
    }

    private void tellChange() {
        changePending.set(false); // before the listeners look: a change meanwhile queues a call of its own
        for (Runnable listener : changeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A listener of the published points failed: {}", e.toString());
            }
        }
    }

    synchronized List<RefusedPoint> refusals() {
        return List.copyOf(refusals);
    }

    /** @return the folder that holds the last segment, created as needed; null if a point is in the way */
    private Resource folder(String[] segments) {
        Resource current = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Resource child = current.getChild(segments[i]);
            if (child == null) {
                child = new CollectionResource(segments[i], context.post());
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
        if (segments[0].equals(".well-known") || segments[0].equals("mgmt")
                || segments[0].equals(HistoryResource.NAME)) {
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
