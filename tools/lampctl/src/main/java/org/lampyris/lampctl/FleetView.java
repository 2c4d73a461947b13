package org.lampyris.lampctl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;

/**
 * What the engineer's page shows, as JSON-ready maps, asked of the posts with lampctl's own sessions: the street
 * (every post's {@link PostStatus}, asked again every refresh period in the background), one post's detail, its last
 * night from its history, and the progress of a rollout from its state file. Nothing here holds or returns a
 * credential.
 */
final class FleetView implements AutoCloseable {
    /** The points of a post's detail. */
    static final List<String> DETAIL_POINTS = List.of("/light/level", "/light/power", "/air/eaqi", "/ev/state",
            "/count/presence", "/count/pedestrian", "/count/cyclist", "/count/vehicle");
    /** The points of the night chart. */
    static final List<String> CHART_POINTS = List.of("light/level", "light/power", "count/presence");
    private static final double NIGHT_SECONDS = 24 * 3600;

    private final List<HostAddress> hosts;
    private final PostPool pool;
    private final Path rollouts;
    private final ScheduledExecutorService refresher;
    private volatile List<PostStatus> street = List.of();
    private volatile Instant asked;

    FleetView(List<HostAddress> hosts, PostPool pool, Duration refresh, Path rollouts) {
        this.hosts = hosts;
        this.pool = pool;
        this.rollouts = rollouts;
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lampctl-street");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::askStreet, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void askStreet() {
        try {
            street = pool.each(hosts, () -> false, PostStatus::of);
            asked = Instant.now();
        } catch (RuntimeException e) {
            // asked again next period
        }
    }

    /** @return every post: {@code {"asked": time or null, "posts": [...]}}, each with its index as id */
    Map<String, Object> street() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("asked", asked == null ? null : asked.toString());
        List<Object> posts = new ArrayList<>();
        List<PostStatus> now = street;
        for (int i = 0; i < now.size(); i++) {
            Map<String, Object> p = now.get(i).toJson();
            p.put("id", i);
            posts.add(p);
        }
        json.put("posts", posts);
        json.put("total", hosts.size());
        return json;
    }

    /** @return one post's status and its points' values as the post gives them; null for no such post */
    Map<String, Object> detail(int id) {
        if (id < 0 || id >= hosts.size()) {
            return null;
        }
        return pool.each(List.of(hosts.get(id)), () -> false, (session, host) -> {
            Map<String, Object> json = PostStatus.of(session, host).toJson();
            json.put("id", id);
            Map<String, Object> points = new LinkedHashMap<>();
            if (Boolean.TRUE.equals(json.get("reachable"))) {
                for (String path : DETAIL_POINTS) {
                    points.put(path, text(session, host, path));
                }
            }
            json.put("points", points);
            return json;
        }).get(0);
    }

    /**
     * @return the last 24 hours of the chart's points before the post's newest reading, as
     *         {@code {"available": true, "series": {"light/level": [[t, v], ...], ...}}}; or available false with the
     *         reason, such as a post without history (4.04); null for no such post
     */
    Map<String, Object> history(int id) {
        if (id < 0 || id >= hosts.size()) {
            return null;
        }
        return pool.each(List.of(hosts.get(id)), () -> false, (session, host) -> {
            Map<String, Object> json = new LinkedHashMap<>();
            Map<String, Object> series = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            double newest = 0;
            Map<String, List<Senml.Reading>> read = new LinkedHashMap<>();
            for (String point : CHART_POINTS) {
                try {
                    List<Senml.Reading> readings = history(session, host, point);
                    read.put(point, readings);
                    for (Senml.Reading r : readings) {
                        newest = Math.max(newest, r.time());
                    }
                } catch (CommandFailure | IllegalArgumentException e) {
                    missing.add(point + ": " + e.getMessage());
                }
            }
            double from = newest - NIGHT_SECONDS;
            read.forEach((point, readings) -> series.put(point, readings.stream().filter(r -> r.time() >= from)
                    .map(r -> List.of(r.time(), r.value())).toList()));
            json.put("available", !series.isEmpty());
            json.put("series", series);
            json.put("missing", missing);
            return json;
        }).get(0);
    }

    private static List<Senml.Reading> history(Session session, HostAddress host, String point)
            throws CommandFailure {
        Request request = Session.request(Code.GET, "/history/" + point, "since=0");
        request.getOptions().setAccept(MediaTypeRegistry.APPLICATION_SENML_JSON);
        Answer answer = session.client().send(host, request, null);
        if (answer.code() == ResponseCode.NOT_FOUND) {
            throw new IllegalArgumentException("no history on this post (4.04)");
        }
        if (!answer.success()) {
            throw CommandFailure.refused(host, PostClient.describe(request), answer);
        }
        return Senml.parse(answer.text(), Instant.now().getEpochSecond());
    }

    private static String text(Session session, HostAddress host, String path) {
        try {
            Answer answer = session.client().send(host, Session.request(Code.GET, path, null), null);
            return answer.success() ? answer.text().strip() : Answer.codeText(answer.code());
        } catch (CommandFailure e) {
            return "no answer";
        }
    }

    /** @return the newest rollout's progress, or {@code {"running": false}} when there is none */
    Map<String, Object> rollout() {
        Path file = rollouts;
        if (Files.isDirectory(rollouts)) {
            try (Stream<Path> files = Files.list(rollouts)) {
                file = files.filter(f -> f.getFileName().toString().endsWith(".state"))
                        .max(Comparator.comparing(FleetView::modified)).orElse(null);
            } catch (IOException e) {
                file = null;
            }
        }
        Map<String, Object> summary = file == null ? null : RolloutState.summary(file);
        if (summary == null) {
            return Map.of("running", false);
        }
        summary.put("running", "running".equals(summary.get("phase")));
        return summary;
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
