package org.lampyris.coap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.californium.core.server.resources.Resource;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
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

    private final Resource root;
    private final PostIdentity post;
    private final PluginCalls calls;
    private final Map<Long, PointResource> byService = new HashMap<>();
    private final Map<String, Long> byPath = new HashMap<>();
    private final List<Refusal> refusals = new ArrayList<>();

    PointTree(Resource root, PostIdentity post, PluginCalls calls) {
        this.root = root;
        this.post = post;
        this.calls = calls;
    }

    /**
     * Publishes a point.
     *
     * @return true if it was published
     */
    boolean add(long serviceId, String path, Point point) {
        PointResource resource;
        synchronized (this) {
            if (byService.containsKey(serviceId)) {
                // The endpoint may offer a point twice while it starts; the first offer stands.
                return true;
            }
            String problem = validate(path);
            if (problem == null && byPath.containsKey(path)) {
                problem = "path already taken by service " + byPath.get(path);
            }
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
            if (problem != null) {
                LOG.warn("Point service {} at '{}' is not published: {}", serviceId, path, problem);
                refusals.add(new Refusal(serviceId, path, problem));
                return false;
            }
            String[] segments = path.substring(1).split("/");
            Resource parent = folder(segments);
            if (parent == null) {
                problem = "the path or one of its folders is already taken";
                LOG.warn("Point service {} at '{}' is not published: {}", serviceId, path, problem);
                refusals.add(new Refusal(serviceId, path, problem));
                return false;
            }
            resource = new PointResource(segments[segments.length - 1], path, point, info, post, calls);
            parent.add(resource);
            byService.put(serviceId, resource);
            byPath.put(path, serviceId);
        }
        resource.open();
        LOG.debug("Published point {}", path);
        return true;
    }

    /** Removes the point of a service, if it was published. */
    void remove(long serviceId) {
        PointResource resource;
        synchronized (this) {
            refusals.removeIf(r -> r.serviceId() == serviceId);
            resource = byService.remove(serviceId);
            if (resource == null) {
                return;
            }
            byPath.remove(resource.pointPath());
            Resource parent = resource.getParent();
            resource.close();
            prune(parent);
        }
        LOG.debug("Withdrew point {}", resource.pointPath());
    }

    /** Removes every point, as when the endpoint stops. */
    void clear() {
        List<Long> ids;
        synchronized (this) {
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
