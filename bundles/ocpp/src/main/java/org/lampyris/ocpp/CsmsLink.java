package org.lampyris.ocpp;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.lampyris.api.health.LinkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link CsmsConnection} up: connects, and when the connection is lost or cannot be made, connects again after
 * a wait that doubles from {@code reconnect.min.s} up to {@code reconnect.max.s}; pings it, and drops it when no pong
 * comes for two ping intervals. What it hears goes to its {@link Listener}; everything runs on the link's one thread.
 */
final class CsmsLink implements CsmsConnection.Events {
    private static final Logger LOG = LoggerFactory.getLogger(CsmsLink.class);

    /** The protocol above the link, told on the link's thread. */
    interface Listener {
        /** A connection is open. */
        void opened();

        /** A message came. */
        void received(String text);

        /** The connection is gone; a new one is being made. */
        void lost();
    }

    private final ScheduledExecutorService executor;
    private final HttpClient http;
    private final CsmsUrl url;
    private final OcppConfig config;
    private final IntSupplier pingSeconds;
    private final Supplier<String> state;
    private Listener listener;

    // Confined to the executor's thread.
    private CsmsConnection connection;
    private boolean closed;
    private int backoffSeconds;
    private long generation;
    private ScheduledFuture<?> pings;
    private long lastPongNanos;
    private Instant since = Instant.now();
    private String lastError;
    private Instant lastErrorAt;

    /**
     * @param pingSeconds the WebSocketPingInterval of the moment; 0 for no pings
     * @param state what the log says about the protocol's state when the link comes or goes
     */
    CsmsLink(ScheduledExecutorService executor, HttpClient http, CsmsUrl url, OcppConfig config,
            IntSupplier pingSeconds, Supplier<String> state) {
        this.executor = executor;
        this.http = http;
        this.url = url;
        this.config = config;
        this.pingSeconds = pingSeconds;
        this.state = state;
        this.backoffSeconds = config.reconnect_min_s();
    }

    /** Connects, and keeps connecting; on the link's thread. */
    void start(Listener to) {
        this.listener = to;
        connect();
    }

    /** @return whether a connection is open */
    boolean isOpen() {
        return connection != null;
    }

    /** @return a number that changes with each new connection, so that a timer knows its connection is gone */
    long generation() {
        return generation;
    }

    /**
     * @param queued the messages waiting for the link
     * @param dropped the messages given up
     * @param details the protocol's state
     * @return the link's status for health; on the link's thread
     */
    LinkStatus status(int queued, long dropped, Map<String, String> details) {
        return new LinkStatus("ocpp", url.uri().getScheme() + "://" + url.uri().getAuthority() + url.uri().getPath(),
                connection != null ? LinkStatus.State.UP : LinkStatus.State.DOWN, since, lastError, lastErrorAt,
                queued, dropped, details);
    }

    /** Sends a message on the open connection; the stage fails if it cannot be sent. */
    CompletableFuture<?> send(String text) {
        return connection.send(text);
    }

    /** Drops the open connection, saying why, and connects again. */
    void drop(String why) {
        if (connection != null) {
            lost(connection, why);
        }
    }

    /** Closes the connection for good; on the link's thread. */
    void close() {
        closed = true;
        if (pings != null) {
            pings.cancel(false);
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        CsmsConnection.open(http, url.uri(), url.identity(), config.basic_auth_password(),
                Duration.ofSeconds(config.call_timeout_s()), executor, this).whenComplete((c, e) -> {
                    if (!executor.isShutdown()) {
                        executor.execute(() -> {
                            if (e == null) {
                                opened(c);
                            } else {
                                lost(null, CsmsConnection.why(e));
                            }
                        });
                    } else if (c != null) {
                        c.abort();
                    }
                });
    }

    private void opened(CsmsConnection c) {
        if (closed) {
            c.close();
            return;
        }
        connection = c;
        since = Instant.now();
        generation++;
        backoffSeconds = config.reconnect_min_s();
        lastPongNanos = System.nanoTime();
        LOG.info("OCPP: connected to the CSMS as {} ({})", url.identity(), state.get());
        schedulePings();
        listener.opened();
    }

    @Override
    public void received(CsmsConnection from, String text) {
        if (from == connection) {
            listener.received(text);
        }
    }

    @Override
    public void pong(CsmsConnection from) {
        if (from == connection) {
            lastPongNanos = System.nanoTime();
        }
    }

    @Override
    public void closed(CsmsConnection from, String why) {
        if (from != null && from == connection) {
            lost(from, why);
        }
    }

    /** The connection is gone, or could not be made: the listener hears it, and a new one is made. */
    private void lost(CsmsConnection c, String why) {
        if (c != null) {
            c.abort();
        }
        boolean wasConnected = connection != null;
        connection = null;
        if (wasConnected) {
            since = Instant.now();
        }
        lastError = why;
        lastErrorAt = Instant.now();
        if (pings != null) {
            pings.cancel(false);
        }
        if (wasConnected) {
            listener.lost();
        }
        if (closed) {
            return;
        }
        int wait = backoffSeconds;
        backoffSeconds = Math.min(config.reconnect_max_s(), backoffSeconds * 2);
        if (wasConnected) {
            LOG.warn("OCPP: the link to the CSMS is lost ({}); connecting again in {} s ({})", why, wait,
                    state.get());
        } else {
            LOG.info("OCPP: cannot reach the CSMS ({}); trying again in {} s", why, wait);
        }
        executor.schedule(this::connect, wait, TimeUnit.SECONDS);
    }

    private void schedulePings() {
        long seconds = pingSeconds.getAsInt();
        if (seconds <= 0) {
            return;
        }
        CsmsConnection c = connection;
        pings = executor.scheduleAtFixedRate(() -> {
            if (connection != c) {
                return;
            }
            if (System.nanoTime() - lastPongNanos > TimeUnit.SECONDS.toNanos(2 * seconds)) {
                lost(c, "no pong for " + 2 * seconds + " s");
            } else {
                c.ping();
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }
}
