package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * CoAP over DTLS 1.2 for the {@link LoadGenerator}: Scandium's {@link DTLSConnector} used directly as a transport,
 * without Californium's CoAP stack on top (whose client costs about 30 µs of CPU per request, more than the servers
 * measured). The generator's datagrams go out as {@link RawData}; the answers come back decrypted on the connector's
 * thread and go straight to the {@link OutstandingGets}.
 * <p>
 * A session is one connector on a source port of its own with one DTLS session, made with a pre-shared key and
 * {@value #CIPHER_SUITE_NAME}, the cipher suite RFC 7252 makes mandatory for CoAP with pre-shared keys. Its first
 * datagram is a probe GET ({@link OutstandingGets#probe(String)}) whose 2.05 answer says the handshake is done. The
 * first session is made before the generator starts, during its warm-up; the next one is always ready ahead, so
 * that moving on when message IDs run out costs no handshake in a measured window.
 */
final class DtlsTransport implements GetTransport {
    static final String CIPHER_SUITE_NAME = "TLS_PSK_WITH_AES_128_CCM_8";
    private static final CipherSuite CIPHER_SUITE = CipherSuite.valueOf(CIPHER_SUITE_NAME);
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress server;
    private final EndpointContext peer;
    private final PskKey key;
    private final byte[] probe;
    private final OutstandingGets gets;
    private volatile Session current;
    private Session next;

    DtlsTransport(InetSocketAddress server, PskKey key, String path, OutstandingGets gets) throws IOException {
        this.server = server;
        this.peer = new AddressEndpointContext(server);
        this.key = key;
        this.probe = OutstandingGets.probe(path);
        this.gets = gets;
        DtlsConfig.register();
        current = new Session();
        current.awaitHandshake();
        next = new Session();
    }

    @Override
    public void send(byte[] datagram) {
        current.connector.send(RawData.outbound(datagram, peer, null, false));
    }

    @Override
    public void renew() throws IOException {
        Session old = current;
        next.awaitHandshake();
        current = next;
        next = new Session();
        // Possibly on the old connector's own thread: destroying it there would wait for itself.
        Thread retire = new Thread(old.connector::destroy, "dtls-session-retire");
        retire.setDaemon(true);
        retire.start();
    }

    @Override
    public void awaitAnswers(long millis) {
        // Answers arrive on the connector's thread.
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return "DTLS 1.2 (Scandium DTLSConnector, " + CIPHER_SUITE_NAME + ", PSK identity " + key.identity() + ") to "
                + server;
    }

    @Override
    public void close() {
        current.connector.destroy();
        next.connector.destroy();
    }

    /** An executor that runs each task at once on the thread that hands it over. */
    private static final class CallerRuns extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** One connector and its DTLS session with the server. */
    private final class Session implements RawDataChannel {
        private final DTLSConnector connector;
        private final CompletableFuture<String> handshake = new CompletableFuture<>();

        Session() throws IOException {
            Configuration config = new Configuration();
            config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
            config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CIPHER_SUITE);
            // One session each: a thread to read and decrypt, one to encrypt and send, and no large caches.
            config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
            config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
            config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4);
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .setAddress(new InetSocketAddress("127.0.0.1", 0)).setLoggingTag("load")
                    .setAdvancedPskStore(new AdvancedSinglePskStore(key.identity(), key.secret())).build();
            connector = new DTLSConnector(dtls);
            // Records are decrypted on the receiving thread and encrypted on the sending one, rather than handed to
            // a pool thread each way: two thread wake-ups less per request. The connector still runs one
            // connection's work one piece at a time (its serial executor), so answers arrive one after another.
            connector.setExecutor(new CallerRuns());
            connector.setRawDataReceiver(this);
            connector.start();
            connector.send(RawData.outbound(probe.clone(), peer, null, false));
        }

        @Override
        public void receiveData(RawData answer) {
            byte[] datagram = answer.getBytes();
            if (OutstandingGets.answersProbe(datagram, datagram.length)) {
                if (CoapDatagram.code(datagram) == CoapDatagram.CONTENT) {
                    handshake.complete(answer.getEndpointContext().toString());
                } else {
                    handshake.completeExceptionally(new IOException("the server answered the first GET over DTLS "
                            + "with code " + CoapDatagram.codeText(CoapDatagram.code(datagram)) + ": "
                            + CoapDatagram.payload(datagram, datagram.length)));
                }
                return;
            }
            if (this != current) {
                return; // a late answer on a session already left
            }
            try {
                gets.handle(datagram, datagram.length, System.nanoTime());
            } catch (IOException e) {
                e.printStackTrace();
            }
        }

        void awaitHandshake() throws IOException {
            try {
                String context = handshake.get(HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                System.err.println("DTLS session up: " + context);
            } catch (TimeoutException e) {
                connector.destroy();
                throw new IOException("no DTLS session with " + server + " within " + HANDSHAKE_TIMEOUT_MILLIS
                        + " ms (is its PSK identity " + key.identity() + " known there?)");
            } catch (ExecutionException e) {
                connector.destroy();
                throw new IOException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during the DTLS handshake", e);
            }
        }
    }
}
