package org.lampyris.ngsild;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lampyris.api.health.LinkStatus;
import org.lampyris.internal.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the {@link Outbox} to the broker, oldest first, one batch upsert at a time
 * ({@code POST /ngsi-ld/v1/entityOperations/upsert}): with one {@code @context} (the model's subject context, or the
 * one configured) it goes in a {@code Link} header and the body is {@code application/json}, one batch per context;
 * with several configured, each entity carries them and the body is {@code application/ld+json}. What the broker takes leaves the outbox; what it refuses (a 207 error, or a 400 for an
 * entity sent alone) leaves it too, counted, with the reason shown in health, so that one refused entity never
 * blocks the others. When the broker cannot be reached, fails (5xx), or refuses the post's credentials, the batch
 * stays and is sent again after a wait that doubles up to {@code retry.max.s}.
 * <p>
 * Confined to the publisher's one thread; {@link #status()} may be called from any.
 */
final class BrokerLink {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);
    static final String NAME = "ngsi-ld";
    static final int CLOSE_WAIT_SECONDS = 5;

    private final ScheduledExecutorService executor;
    private final HttpClient http;
    private final URI upsert;
    private final String peer;
    private final NgsiLdConfig config;
    private final Outbox outbox;
    private final List<String> contexts;
    private final String authorization;

    // Confined to the executor's thread.
    private CompletableFuture<HttpResponse<String>> inFlight;
    private List<Outbox.Entry> sending;
    private boolean waiting;
    private boolean closed;
    private int backoffSeconds;
    /** Updates up to this number go one by one: their batch was refused as a whole. */
    private long isolateUntil;
    /** The last failure the log told, so that a broker away for hours does not fill the log with the same line. */
    private String lastLogged;

    // Read by health from any thread.
    private volatile LinkStatus.State state = LinkStatus.State.DOWN;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile String lastRefused;

    BrokerLink(ScheduledExecutorService executor, HttpClient http, URI upsert, NgsiLdConfig config, Outbox outbox) {
        this.executor = executor;
        this.http = http;
        this.upsert = upsert;
        this.peer = upsert.getScheme() + "://" + upsert.getRawAuthority()
                + upsert.getRawPath().replace("/ngsi-ld/v1/entityOperations/upsert", "");
        this.config = config;
        this.outbox = outbox;
        this.contexts = java.util.Arrays.stream(config.context_urls()).map(String::trim).filter(c -> !c.isEmpty())
                .toList();
        this.authorization = authorization(config);
        this.backoffSeconds = config.retry_min_s();
    }

    /** @return the broker's base URL, without credentials */
    String peer() {
        return peer;
    }

    /** Sends the oldest updates if none are on their way and no wait runs. */
    void pump() {
        if (closed || inFlight != null || waiting || outbox.size() == 0) {
            return;
        }
        List<Outbox.Entry> batch = outbox.head(config.batch_size(), e -> String.join(" ", contexts(e)));
        if (!batch.isEmpty() && batch.get(0).number() <= isolateUntil) {
            batch = batch.subList(0, 1);
        }
        sending = List.copyOf(batch);
        outbox.sending(sending);
        CompletableFuture<HttpResponse<String>> request = http.sendAsync(request(sending),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        inFlight = request;
        request.whenComplete((response, failure) -> {
            if (!executor.isShutdown()) {
                executor.execute(() -> answered(request, response, failure));
            }
        });
    }

    /**
     * Waits a little for a request on its way, so that what the broker took is not sent again after a restart; a
     * broker that does not answer in {@value #CLOSE_WAIT_SECONDS} s does not hold up the post's stop (the batch is
     * sent again then, and the broker's upsert takes it again).
     */
    void close() {
        closed = true;
        CompletableFuture<HttpResponse<String>> request = inFlight;
        if (request != null) {
            try {
                answered(request, request.get(Math.min(CLOSE_WAIT_SECONDS, config.request_timeout_s()),
                        TimeUnit.SECONDS), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                answered(request, null, e);
            }
        }
    }

    /** @return the link's state for health; never waits */
    LinkStatus status() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("delivered", Long.toString(outbox.delivered()));
        details.put("refused", Long.toString(outbox.refused()));
        if (lastRefused != null) {
            details.put("lastRefused", lastRefused);
        }
        if (!config.tenant().isBlank()) {
            details.put("tenant", config.tenant().trim());
        }
        return new LinkStatus(NAME, peer, state, since, lastError, lastErrorAt, outbox.size(), outbox.dropped(),
                details);
    }

    /** @return the contexts of an update: the configured ones, or its model's subject context */
    private List<String> contexts(Outbox.Entry e) {
        return contexts.isEmpty() ? List.of(SmartDataModels.subjectContext((String) e.entity().get("type")))
                : contexts;
    }

    private HttpRequest request(List<Outbox.Entry> batch) {
        List<String> shared = contexts(batch.get(0));
        List<Object> entities = new ArrayList<>();
        for (Outbox.Entry e : batch) {
            if (shared.size() == 1) {
                entities.add(e.entity());
            } else {
                Map<String, Object> withContext = new LinkedHashMap<>(e.entity());
                withContext.put("@context", shared);
                entities.add(withContext);
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(upsert)
                .timeout(Duration.ofSeconds(config.request_timeout_s()))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(entities), StandardCharsets.UTF_8));
        if (shared.size() == 1) {
            b.header("Content-Type", "application/json");
            b.header("Link", "<" + shared.get(0)
                    + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
        } else {
            b.header("Content-Type", "application/ld+json");
        }
        if (!config.tenant().isBlank()) {
            b.header("NGSILD-Tenant", config.tenant().trim());
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private void answered(CompletableFuture<HttpResponse<String>> request, HttpResponse<String> response,
            Throwable failure) {
        if (request != inFlight) {
            return;
        }
        inFlight = null;
        List<Outbox.Entry> batch = sending;
        sending = null;
        if (failure != null) {
            outbox.unanswered(batch);
            unreachable(why(failure));
            return;
        }
        List<String> ids = batch.stream().map(Outbox.Entry::id).toList();
        UpsertAnswer answer = UpsertAnswer.of(ids, response.statusCode(), response.body());
        if (answer.problem() != null && !(answer.entityProblem() && batch.size() == 1)) {
            outbox.unanswered(batch);
            if (answer.entityProblem()) {
                // Refused as a whole for what was sent: one by one, the entity that causes it is found and refused.
                isolateUntil = batch.get(batch.size() - 1).number();
                up();
                LOG.info("NGSI-LD: the broker refused a batch of {} ({}); sending them one by one", batch.size(),
                        answer.problem());
                pump();
            } else {
                unreachable("the broker answered " + answer.problem());
            }
            return;
        }
        up();
        List<Outbox.Entry> taken = new ArrayList<>();
        List<Outbox.Entry> refused = new ArrayList<>();
        for (Outbox.Entry e : batch) {
            String reason = answer.problem() != null ? answer.problem() : answer.refused().get(e.id());
            if (reason == null && answer.taken().contains(e.id())) {
                taken.add(e);
            } else {
                refused.add(e);
                String refusal = e.id() + ": " + (reason == null ? "refused" : reason);
                if (refusal.equals(lastRefused)) {
                    LOG.debug("NGSI-LD: the broker refused an update of {} again: {}", e.id(), reason);
                } else {
                    LOG.warn("NGSI-LD: the broker refused an update of {}: {}", e.id(), reason);
                }
                lastRefused = refusal;
            }
        }
        outbox.delivered(taken);
        if (!refused.isEmpty()) {
            outbox.refused(refused);
        }
        pump();
    }

    private void up() {
        backoffSeconds = config.retry_min_s();
        lastLogged = null;
        if (state != LinkStatus.State.UP) {
            state = LinkStatus.State.UP;
            since = Instant.now();
            LOG.info("NGSI-LD: the broker {} takes updates; {} queued", peer, outbox.size());
        }
    }

    private void unreachable(String why) {
        boolean wasUp = state == LinkStatus.State.UP;
        if (wasUp) {
            state = LinkStatus.State.DOWN;
            since = Instant.now();
        }
        lastError = why;
        lastErrorAt = Instant.now();
        if (closed) {
            return;
        }
        int wait = backoffSeconds;
        backoffSeconds = Math.min(config.retry_max_s(), backoffSeconds * 2);
        if (wasUp) {
            LOG.warn("NGSI-LD: the broker {} is out of reach ({}); {} updates queued, trying again in {} s", peer, why,
                    outbox.size(), wait);
        } else if (!why.equals(lastLogged)) {
            LOG.info("NGSI-LD: cannot deliver to the broker {} ({}); trying again, every {} s at most", peer, why,
                    config.retry_max_s());
        } else {
            LOG.debug("NGSI-LD: cannot deliver to the broker {} ({}); trying again in {} s", peer, why, wait);
        }
        lastLogged = why;
        waiting = true;
        executor.schedule(() -> {
            waiting = false;
            pump();
        }, wait, TimeUnit.SECONDS);
    }

    private static String why(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String authorization(NgsiLdConfig config) {
        if (!config.bearer_token().isBlank()) {
            return "Bearer " + config.bearer_token().trim();
        }
        if (!config.basic_auth_user().isBlank()) {
            return "Basic " + Base64.getEncoder().encodeToString((config.basic_auth_user().trim() + ":"
                    + config.basic_auth_password()).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
