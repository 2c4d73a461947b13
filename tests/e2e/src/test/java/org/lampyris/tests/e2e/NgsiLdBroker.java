package org.lampyris.tests.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An NGSI-LD context broker's batch upsert as ETSI GS CIM 009 (1.6, 5.6.8 and 6.31) describes it, on loopback, for
 * the end-to-end tests: it checks the shape of each request it receives (POST on
 * {@code /ngsi-ld/v1/entityOperations/upsert}, {@code application/json} with the {@code @context} in a {@code Link}
 * header of the JSON-LD context relation, or {@code application/ld+json} with it inline; a JSON array of entities
 * with an {@code id} URI and a {@code type}, each once), answers 400 with problem details to one that breaks it, and
 * otherwise answers 201 with the ids when it created every entity, 204 when it updated every one, and 207 with a
 * BatchOperationResult when some were refused (by the test's rule) or some created and some updated. It keeps what
 * it took, in order. {@link #down()} stops listening, so that the post finds the broker unreachable; {@link #up()}
 * listens again on the same port.
 */
final class NgsiLdBroker implements AutoCloseable {
    static final String UPSERT = "/ngsi-ld/v1/entityOperations/upsert";
    private static final Pattern LINK = Pattern.compile(
            "<([^>]+)>;\\s*rel=\"http://www.w3.org/ns/json-ld#context\";\\s*type=\"application/ld\\+json\"");

    /**
     * An entity the broker took.
     *
     * @param entity the entity as sent
     * @param contexts the contexts it was sent with
     */
    record Taken(Map<String, Object> entity, List<String> contexts) {
        String id() {
            return (String) entity.get("id");
        }

        String type() {
            return (String) entity.get("type");
        }
    }

    /** A request as it came, and how it was answered. */
    record Request(String method, String path, Map<String, List<String>> headers, String body, int status,
            String answer) {
    }

    final int port;
    private final Predicate<Map<String, Object>> refuse;
    private final String refusal;
    private final String tenant;
    private final List<Taken> taken = new ArrayList<>();
    /** What the request being answered takes; it joins {@link #taken} once the answer is out. */
    private final List<Taken> answering = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private final Set<String> known = new HashSet<>();
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param refuse which entities to refuse (a 207 error)
     * @param refusal the detail of the refusal
     * @param tenant the NGSILD-Tenant every request must carry, or null for none
     */
    private NgsiLdBroker(int port, Predicate<Map<String, Object>> refuse, String refusal, String tenant) {
        this.port = port;
        this.refuse = refuse;
        this.refusal = refusal;
        this.tenant = tenant;
    }

    static NgsiLdBroker start(Predicate<Map<String, Object>> refuse, String refusal, String tenant)
            throws IOException {
        NgsiLdBroker broker = new NgsiLdBroker(LampPost.freeTcpPort(), refuse, refusal, tenant);
        broker.up();
        return broker;
    }

    /** @return a broker that is not listening (yet) on a free port */
    static NgsiLdBroker notListening(Predicate<Map<String, Object>> refuse, String refusal, String tenant)
            throws IOException {
        return new NgsiLdBroker(LampPost.freeTcpPort(), refuse, refusal, tenant);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "ngsi-ld-broker"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        down();
    }

    synchronized List<Taken> taken() {
        return List.copyOf(taken);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** @return what was wrong with the requests that did not have the shape NGSI-LD asks for */
    synchronized List<String> malformed() {
        return List.copyOf(malformed);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        String answer;
        synchronized (this) {
            answering.clear(); // what a request cut off before its answer took
            Map<String, Object> result = answer(exchange, body);
            status = (Integer) result.get("status");
            answer = (String) result.get("body");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    List.copyOf(v)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body,
                    status, answer));
        }
        byte[] bytes = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
        if (answer != null) {
            exchange.getResponseHeaders().set("Content-Type", status == 400 ? "application/problem+json"
                    : "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        // Taken once answered: a broker that goes down between taking a batch and answering it has told the post
        // nothing, so the post rightly sends the batch again, and that is no duplicate.
        synchronized (this) {
            taken.addAll(answering);
            answering.clear();
        }
    }

    /** Checks the request and takes its entities; on the broker's lock. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> answer(HttpExchange exchange, String body) {
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals(UPSERT)) {
            return bad("not found: " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), 404);
        }
        if (exchange.getRequestURI().getQuery() != null) {
            return bad("no query expected: " + exchange.getRequestURI().getQuery(), 400);
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
        if (!accept.contains("application/json") && !accept.contains("*/*")) {
            return bad("Accept " + accept + " does not take application/json", 400);
        }
        if (tenant != null && !tenant.equals(exchange.getRequestHeaders().getFirst("NGSILD-Tenant"))) {
            return bad("NGSILD-Tenant " + exchange.getRequestHeaders().getFirst("NGSILD-Tenant") + ", not " + tenant,
                    400);
        }
        List<String> linked = new ArrayList<>();
        List<String> links = exchange.getRequestHeaders().getOrDefault("Link", List.of());
        if (type.startsWith("application/json")) {
            if (links.size() != 1) {
                return bad("application/json needs exactly one JSON-LD context Link header, not " + links, 400);
            }
            Matcher m = LINK.matcher(links.get(0));
            if (!m.matches()) {
                return bad("a Link header that is no JSON-LD context: " + links.get(0), 400);
            }
            linked.add(m.group(1));
        } else if (!type.startsWith("application/ld+json")) {
            return bad("Content-Type " + type + " is neither application/json nor application/ld+json", 415);
        } else if (!links.isEmpty()) {
            return bad("application/ld+json carries its context inline, no Link header: " + links, 400);
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (JsonException e) {
            return bad("the body is not JSON: " + e.getMessage(), 400);
        }
        if (!(parsed instanceof List<?> list) || list.isEmpty()) {
            return bad("the body is not a non-empty array of entities", 400);
        }
        Set<String> ids = new HashSet<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e) || !(e.get("id") instanceof String id) || !id.startsWith("urn:ngsi-ld:")
                    || !(e.get("type") instanceof String)) {
                return bad("an entity without an id URI or a type: " + Json.write(o), 400);
            }
            if (!ids.add(id)) {
                return bad("the entity " + id + " twice in one batch", 400);
            }
            if (linked.isEmpty() != e.containsKey("@context")) {
                return bad(linked.isEmpty() ? "application/ld+json without @context in " + id
                        : "@context in the body of application/json in " + id, 400);
            }
        }
        List<String> success = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        boolean created = false;
        boolean updated = false;
        for (Object o : list) {
            Map<String, Object> e = (Map<String, Object>) o;
            String id = (String) e.get("id");
            if (refuse.test(e)) {
                errors.add(Map.of("entityId", id, "error", Map.of("type",
                        "https://uri.etsi.org/ngsi-ld/errors/BadRequestData", "title", "Bad request data", "detail",
                        refusal, "status", 400L)));
                continue;
            }
            List<String> contexts = linked.isEmpty() ? contexts(e.get("@context")) : linked;
            Map<String, Object> entity = new LinkedHashMap<>(e);
            entity.remove("@context");
            answering.add(new Taken(entity, contexts));
            success.add(id);
            if (known.add(id)) {
                created = true;
            } else {
                updated = true;
            }
        }
        if (errors.isEmpty() && created && !updated) {
            return Map.of("status", 201, "body", Json.write(success));
        }
        if (errors.isEmpty() && !created) {
            return Map.of("status", 204);
        }
        return Map.of("status", 207, "body", Json.write(Map.of("success", success, "errors", errors)));
    }

    private static List<String> contexts(Object context) {
        return context instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(context));
    }

    private Map<String, Object> bad(String detail, int status) {
        malformed.add(detail);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("body", Json.write(Map.of("type", "https://uri.etsi.org/ngsi-ld/errors/BadRequestData", "title",
                "Bad request data", "detail", detail)));
        return answer;
    }
}
