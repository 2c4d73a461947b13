package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * The city engineer of the hot update: over DTLS with the development engineer's pre-shared key, Californium's own
 * client stack (the upload is not on a measured path). It uploads a JAR block-wise in 1 KiB blocks, as lampctl does,
 * and watches the blocks on the wire with an interceptor, so that it knows when the last block went out and when the
 * post acknowledged it: the end of the upload.
 */
final class DtlsEngineer implements AutoCloseable {
    static final String IDENTITY = "city-engineer";
    static final String SECRET = "engineer-secret";
    private static final int BLOCK_SIZE = 1024;
    /** The update answers only after its health window (3 s by default) and a timeout of 10 s before that. */
    private static final long ANSWER_TIMEOUT_MILLIS = 60_000;

    /**
     * The answer to an upload and its moments, as {@link System#nanoTime()}s; -1 for a moment not seen.
     *
     * @param code          the final answer's code, as "2.04", or why there was none
     * @param text          the final answer's payload
     * @param firstBlock    when the first block was sent
     * @param lastBlockSent when the last block (Block1 without "more") was sent
     * @param lastBlockAck  when the post acknowledged the last block (the empty ACK of a separate response)
     * @param answered      when the final answer arrived
     */
    record Upload(String code, String text, long firstBlock, long lastBlockSent, long lastBlockAck, long answered) {
    }

    private final CoapEndpoint endpoint;
    private final int port;
    private final Blocks blocks = new Blocks();

    DtlsEngineer(int port) throws IOException {
        this.port = port;
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_MESSAGE_SIZE, BLOCK_SIZE);
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, BLOCK_SIZE);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 16 * 1024 * 1024);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore(IDENTITY, SECRET.getBytes(StandardCharsets.UTF_8)))
                .build();
        endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        endpoint.addInterceptor(blocks);
        endpoint.start();
    }

    /** PUTs a JAR to {@code path} and waits for the final answer. */
    Upload put(String path, byte[] jar) throws InterruptedException {
        Request put = Request.newPut();
        put.setURI("coaps://127.0.0.1:" + port + path);
        put.setPayload(jar);
        put.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        blocks.reset();
        put.send(endpoint);
        Response response = put.waitForResponse(ANSWER_TIMEOUT_MILLIS);
        long answered = System.nanoTime();
        if (response == null) {
            put.cancel();
            return new Upload("no answer in " + ANSWER_TIMEOUT_MILLIS / 1000 + " s"
                    + (put.getSendError() == null ? "" : ": " + put.getSendError()), "", blocks.first,
                    blocks.lastSent, blocks.lastAck, -1);
        }
        return new Upload(response.getCode().text, response.getPayloadString(), blocks.first, blocks.lastSent,
                blocks.lastAck, answered);
    }

    /** @return the payload of a 2.05 answer to a GET of {@code path} */
    String get(String path) throws IOException, InterruptedException {
        Request get = Request.newGet();
        get.setURI("coaps://127.0.0.1:" + port + path);
        get.send(endpoint);
        Response response = get.waitForResponse(ANSWER_TIMEOUT_MILLIS);
        if (response == null) {
            get.cancel();
            throw new IOException("GET " + path + " over DTLS got no answer");
        }
        if (response.getCode() != org.eclipse.californium.core.coap.CoAP.ResponseCode.CONTENT) {
            throw new IOException("GET " + path + " over DTLS was answered " + response.getCode().text + " "
                    + response.getPayloadString());
        }
        return response.getPayloadString();
    }

    @Override
    public void close() {
        endpoint.destroy();
    }

    /** The blocks of the upload under way, as they cross the wire. */
    private static final class Blocks extends MessageInterceptorAdapter {
        private volatile long first = -1;
        private volatile long lastSent = -1;
        private volatile long lastAck = -1;
        private volatile int lastMessageId = -1;

        void reset() {
            first = -1;
            lastSent = -1;
            lastAck = -1;
            lastMessageId = -1;
        }

        @Override
        public void sendRequest(Request request) {
            BlockOption block1 = request.getOptions().getBlock1();
            if (request.getCode() != Code.PUT || block1 == null) {
                return;
            }
            long now = System.nanoTime();
            if (first < 0) {
                first = now;
            }
            if (!block1.isM()) {
                lastSent = now; // a retransmission moves it: the post can only have it from then on
                lastMessageId = request.getMID();
            }
        }

        @Override
        public void receiveEmptyMessage(EmptyMessage message) {
            if (message.getType() == Type.ACK && lastMessageId >= 0 && message.getMID() == lastMessageId
                    && lastAck < 0) {
                lastAck = System.nanoTime();
            }
        }

        @Override
        public void receiveResponse(Response response) {
            // A post that answered the last block at once (piggybacked) acknowledged it with that answer.
            if (lastMessageId >= 0 && response.getMID() == lastMessageId && response.getType() == Type.ACK
                    && lastAck < 0) {
                lastAck = System.nanoTime();
            }
        }
    }
}
