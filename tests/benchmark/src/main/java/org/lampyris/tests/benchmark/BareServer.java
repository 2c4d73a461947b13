package org.lampyris.tests.benchmark;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/**
 * The baseline of the benchmark: a bare Californium server with nothing but an equivalent of the platform's
 * {@code /light/level} ({@link ChangeableLevel}), configured in code with the platform's controller-sized settings
 * ({@link ControllerSettings}); with {@code --dtls-port} also over DTLS, with the platform's DTLS settings
 * ({@link DtlsSettings}) and one pre-shared key. It listens on 127.0.0.1 only, prints one line saying where once it
 * answers, and stops on SIGTERM.
 * <pre>
 * BareServer --port N [--dtls-port N --psk identity:secret] [--max-active-peers N] [--max-server-observes N]
 *            [--protocol-threads N] [--dtls-max-connections N] [--dtls-stale-s N]
 *            [--dtls-max-pending-handshakes N] [--max-upload-size N]
 * </pre>
 */
public final class BareServer {
    /** The level the server starts with: the simulated post's night profile, so both sides serve the same text. */
    static final int INITIAL_LEVEL = 50;

    private BareServer() {
    }

    /**
     * Starts the server and blocks until the JVM is asked to stop.
     *
     * @param args the command line, see the class description
     * @throws InterruptedException never in practice: the main thread waits until the JVM shuts down
     */
    public static void main(String[] args) throws InterruptedException {
        int port = -1;
        int dtlsPort = 0;
        PskKey psk = null;
        ControllerSettings settings = ControllerSettings.DEFAULTS;
        DtlsSettings dtls = DtlsSettings.DEFAULTS;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String option = args[i];
            if (option.equals("--psk")) {
                psk = PskKey.parse(args[i + 1]);
                continue;
            }
            int value = Integer.parseInt(args[i + 1]);
            DtlsSettings dtlsWith = dtls.with(option, value);
            if (dtlsWith != null) {
                dtls = dtlsWith;
                continue;
            }
            switch (option) {
                case "--port" -> port = value;
                case "--dtls-port" -> dtlsPort = value;
                case "--max-active-peers" -> settings = new ControllerSettings(value, settings.maxServerObserves(),
                        settings.protocolThreads());
                case "--max-server-observes" -> settings = new ControllerSettings(settings.maxActivePeers(), value,
                        settings.protocolThreads());
                case "--protocol-threads" -> settings = new ControllerSettings(settings.maxActivePeers(),
                        settings.maxServerObserves(), value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (port < 1 || port > 65535 || dtlsPort < 0 || dtlsPort > 65535 || (dtlsPort > 0) != (psk != null)
                || args.length % 2 != 0) {
            System.err.println("usage: BareServer --port N [--dtls-port N --psk identity:secret]"
                    + " [--max-active-peers N] [--max-server-observes N] [--protocol-threads N]"
                    + " [--dtls-max-connections N] [--dtls-stale-s N] [--dtls-max-pending-handshakes N]"
                    + " [--max-upload-size N]");
            System.exit(2);
        }
        Configuration configuration = settings.configuration();
        Configuration.setStandard(configuration);
        CoapServer server = new CoapServer(configuration);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(configuration)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port)).build());
        if (dtlsPort > 0) {
            server.addEndpoint(dtlsEndpoint(configuration, dtls, dtlsPort, psk));
        }
        CoapResource light = new CoapResource("light");
        light.add(new ChangeableLevel("level", INITIAL_LEVEL));
        server.add(light);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.destroy();
            stopped.countDown();
        }, "bare-server-stop"));
        server.start();
        System.out.println("Bare Californium server listening on coap://127.0.0.1:" + port
                + (dtlsPort > 0 ? " and coaps://127.0.0.1:" + dtlsPort + " (PSK identity " + psk.identity() + ", "
                        + dtls + ")" : "") + " " + settings);
        System.out.flush();
        stopped.await();
    }

    /** A CoAPS endpoint as the platform's {@code DtlsEndpoint} makes it, with one pre-shared key. */
    private static CoapEndpoint dtlsEndpoint(Configuration configuration, DtlsSettings dtls, int port, PskKey psk) {
        Configuration settings = new Configuration(configuration);
        dtls.applyTo(settings);
        AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
        keys.setKey(psk.identity(), psk.secret());
        DtlsConnectorConfig config = DtlsConnectorConfig.builder(settings)
                .setAddress(new InetSocketAddress("127.0.0.1", port)).setLoggingTag("coaps")
                .setAdvancedPskStore(keys).build();
        return new CoapEndpoint.Builder().setConfiguration(settings).setConnector(new DTLSConnector(config)).build();
    }
}
