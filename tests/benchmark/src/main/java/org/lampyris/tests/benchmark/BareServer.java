package org.lampyris.tests.benchmark;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;

/**
 * The baseline of the benchmark: a bare Californium server with nothing but an equivalent of the platform's
 * {@code /light/level} ({@link ChangeableLevel}), configured in code with the platform's controller-sized settings
 * ({@link ControllerSettings}). It listens on 127.0.0.1 only, prints one line saying where once it answers, and stops
 * on SIGTERM.
 * <pre>
 * BareServer --port N [--max-active-peers N] [--max-server-observes N] [--protocol-threads N]
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
        ControllerSettings settings = ControllerSettings.DEFAULTS;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--port" -> port = value;
                case "--max-active-peers" -> settings = new ControllerSettings(value, settings.maxServerObserves(),
                        settings.protocolThreads());
                case "--max-server-observes" -> settings = new ControllerSettings(settings.maxActivePeers(), value,
                        settings.protocolThreads());
                case "--protocol-threads" -> settings = new ControllerSettings(settings.maxActivePeers(),
                        settings.maxServerObserves(), value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port < 1 || port > 65535 || args.length % 2 != 0) {
            System.err.println("usage: BareServer --port N [--max-active-peers N] [--max-server-observes N]"
                    + " [--protocol-threads N]");
            System.exit(2);
        }
        Configuration configuration = settings.configuration();
        Configuration.setStandard(configuration);
        CoapServer server = new CoapServer(configuration);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(configuration)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port)).build());
        CoapResource light = new CoapResource("light");
        light.add(new ChangeableLevel("level", INITIAL_LEVEL));
        server.add(light);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.destroy();
            stopped.countDown();
        }, "bare-server-stop"));
        server.start();
        System.out.println("Bare Californium server listening on coap://127.0.0.1:" + port + " " + settings);
        System.out.flush();
        stopped.await();
    }
}
