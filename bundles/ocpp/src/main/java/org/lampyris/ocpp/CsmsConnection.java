package org.lampyris.ocpp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One WebSocket connection to the CSMS with the {@code ocpp1.6} subprotocol, over the JDK's own client
 * ({@code java.net.http}), with HTTP Basic authentication when a password is set (OCPP 1.6 security profiles 1 and
 * 2). Whatever the connection reports (a text message, its end) is handed to the link's executor, so that the link's
 * state is touched by one thread only.
 */
final class CsmsConnection {
    /** The OCPP-J subprotocol of OCPP 1.6. */
    static final String SUBPROTOCOL = "ocpp1.6";

    /** What the link hears from the connection, on its executor. */
    interface Events {
        void received(CsmsConnection from, String text);

        void pong(CsmsConnection from);

        void closed(CsmsConnection from, String why);
    }

    private final WebSocket socket;

    private CsmsConnection(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens a connection.
     *
     * @param client the HTTP client of the link, made once: each has a selector thread of its own
     * @param identity the charge point identity, the Basic-auth user
     * @param password the Basic-auth password, empty for none
     * @param executor where the events are handed over
     * @return the connection once open, or failed with why it could not be opened
     */
    static CompletableFuture<CsmsConnection> open(HttpClient client, URI url, String identity, String password,
            Duration timeout, Executor executor, Events events) {
        WebSocket.Builder builder = client.newWebSocketBuilder().subprotocols(SUBPROTOCOL).connectTimeout(timeout);
        if (!password.isEmpty()) {
            String credentials = identity + ":" + password;
            builder.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        Listener listener = new Listener(executor, events);
        return builder.buildAsync(url, listener).thenApply(socket -> listener.connection);
    }

    /**
     * @param failure why a connection could not be opened
     * @return that, for the log: a CSMS that refused the credentials or the identity says so
     */
    static String why(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof java.net.http.WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return status == 401 || status == 403
                    ? "the CSMS refused the charge point's identity or password (HTTP " + status + ")"
                    : "the CSMS refused the WebSocket upgrade (HTTP " + status + ")";
        }
        if (cause instanceof javax.net.ssl.SSLHandshakeException) {
            return "TLS handshake failed, is the CSMS's certificate trusted (csms.certificate)? " + cause.getMessage();
        }
        return cause.toString();
    }

    /** Sends a text message; the returned stage fails if it could not be sent. */
    CompletableFuture<WebSocket> send(String text) {
        return socket.sendText(text, true);
    }

    /** Sends a WebSocket ping. */
    void ping() {
        socket.sendPing(ByteBuffer.wrap(new byte[] { 'l' }));
    }

    /** Closes the connection politely, or at once if it is broken. */
    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((s, e) -> socket.abort());
    }

    /** Drops the connection without a close handshake. */
    void abort() {
        socket.abort();
    }

    /** Gathers a message that arrives in parts, and hands events over to the executor. */
    private static final class Listener implements WebSocket.Listener {
        private final Executor executor;
        private final Events events;
        private final StringBuilder parts = new StringBuilder();
        volatile CsmsConnection connection;

        Listener(Executor executor, Events events) {
            this.executor = executor;
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket socket) {
            connection = new CsmsConnection(socket);
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                executor.execute(() -> events.received(connection, text));
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
            executor.execute(() -> events.pong(connection));
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            executor.execute(() -> events.closed(connection, "closed by the CSMS (" + statusCode
                    + (reason.isEmpty() ? "" : " " + reason) + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            executor.execute(() -> events.closed(connection, error.toString()));
        }
    }
}
