package org.lampyris.lampctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code lampctl serve}: the engineer's page, served by the JDK's own HTTP server on this machine (127.0.0.1 by
 * default). The page is a few static files in lampctl's JAR ({@code page/}, with the uPlot charting library beside
 * them, never fetched from the internet); its data come from a small read-only JSON API that lampctl answers by
 * asking the posts with its own DTLS sessions ({@link FleetView}), so no credential ever reaches the browser.
 * <p>
 * API: {@code GET /api/posts} (the street), {@code /api/posts/N} (one post's detail), {@code /api/posts/N/history}
 * (its last night), {@code /api/rollout} (the newest rollout's progress). A request whose {@code Host} is not this
 * machine is refused (403), so that a web page elsewhere cannot reach the API through a name that points here (DNS
 * rebinding).
 */
final class EngineerPage implements AutoCloseable {
    private static final String PAGE = "/org/lampyris/lampctl/page/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
    private static final List<String> FILES = List.of("index.html", "page.js", "page.css", "vendor/uPlot.iife.min.js",
            "vendor/uPlot.min.css", "vendor/uPlot-LICENSE");

    private final HttpServer server;
    private final ExecutorService handlers;
    private final FleetView view;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PrintStream err;

    private EngineerPage(HttpServer server, ExecutorService handlers, FleetView view, PrintStream err) {
        this.server = server;
        this.handlers = handlers;
        this.view = view;
        this.err = err;
    }

    /** Starts serving; the posts are first asked at once, in the background. */
    static EngineerPage start(String bind, int port, List<HostAddress> hosts, PostPool pool, Duration refresh,
            Path rollouts, PrintStream err) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 16);
        ExecutorService handlers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "lampctl-page");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        EngineerPage page = new EngineerPage(server, handlers, new FleetView(hosts, pool, refresh, rollouts), err);
        server.createContext("/", page::handle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(page.stopped::countDown, "lampctl-page-stop"));
        return page;
    }

    /** @return the page's address, such as {@code http://127.0.0.1:8080/} */
    String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
    }

    /** Waits until the process is asked to stop (Ctrl-C, SIGTERM). */
    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!local(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 403, "text/plain; charset=utf-8", "lampctl serves this machine only".getBytes(
                        StandardCharsets.UTF_8));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "the page is read-only".getBytes(
                        StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                api(exchange, path.substring("/api/".length()));
            } else {
                file(exchange, path.equals("/") ? "index.html" : path.substring(1));
            }
        } catch (RuntimeException e) {
            err.println("lampctl serve: " + exchange.getRequestURI() + ": " + e);
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        Object answer = null;
        if (parts.length == 1 && parts[0].equals("posts")) {
            answer = view.street();
        } else if (parts.length == 1 && parts[0].equals("rollout")) {
            answer = view.rollout();
        } else if (parts.length >= 2 && parts[0].equals("posts") && parts[1].matches("\\d{1,6}")) {
            int id = Integer.parseInt(parts[1]);
            if (parts.length == 2) {
                answer = view.detail(id);
            } else if (parts.length == 3 && parts[2].equals("history")) {
                answer = view.history(id);
            }
        }
        if (answer == null) {
            send(exchange, 404, "application/json", "{\"error\":\"no such post or resource\"}".getBytes(
                    StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "application/json", org.lampyris.internal.json.Json.write(answer).getBytes(
                StandardCharsets.UTF_8));
    }

    private void file(HttpExchange exchange, String name) throws IOException {
        if (!FILES.contains(name)) {
            send(exchange, 404, "text/plain; charset=utf-8", ("no such file: " + name).getBytes(
                    StandardCharsets.UTF_8));
            return;
        }
        byte[] body;
        try (InputStream in = EngineerPage.class.getResourceAsStream(PAGE + name)) {
            if (in == null) {
                throw new IOException(name + " is missing from lampctl's JAR");
            }
            body = in.readAllBytes();
        }
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        send(exchange, 200, TYPES.getOrDefault(ext, "text/plain; charset=utf-8"), body);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        // Everything the page uses comes from here: nothing from elsewhere runs in it, nothing it shows leaves.
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self' "
                + "'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** @return whether a Host header names this machine: localhost, a loopback address, or the address bound */
    private boolean local(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.startsWith("[") ? hostHeader.substring(1, Math.max(1, hostHeader.indexOf(']')))
                : hostHeader.contains(":") ? hostHeader.substring(0, hostHeader.indexOf(':')) : hostHeader;
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1")
                || host.equals(server.getAddress().getAddress().getHostAddress());
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        view.close();
    }
}
