package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command lines of both sides, set up so that they differ only in what runs inside the JVM. The JVM flags are
 * read from the default {@code LAMPYRIS_JAVA_OPTS} of the distribution's {@code bin/lampyris} (or taken from the
 * environment when it is set there, as the script would), and the bare server gets the Californium settings the
 * platform reads from {@code conf/org.lampyris.coap.cfg}, and the DTLS settings and a reader's pre-shared key of
 * {@code conf/org.lampyris.security.cfg}, so that one load generator with that key reads from both over DTLS.
 *
 * @param distribution      the distribution folder
 * @param javaOptions       the JVM flags of both sides
 * @param javaOptionsSource where the flags came from, for the report
 * @param settings          the Californium settings of both sides
 * @param dtls              the DTLS settings of both sides
 * @param readerKey         the distribution's first pre-shared key with the reader role; the bare server knows it too
 * @param classpath         the bare server's classpath: this module's classes, Californium, slf4j
 * @param singleCore        whether both sides run pinned to {@link #SERVER_CPU} with {@link #ONE_PROCESSOR}
 */
record ServerLaunch(Path distribution, List<String> javaOptions, String javaOptionsSource,
        ControllerSettings settings, DtlsSettings dtls, PskKey readerKey, String classpath, boolean singleCore) {

    /** The CPU the servers are pinned to in the single-core profile; the load generator gets {@link #GENERATOR_CPU}. */
    static final String SERVER_CPU = "0";
    static final String GENERATOR_CPU = "1";
    /** The JVM flag of the single-core profile, on every JVM, so that each sizes its pools for one processor. */
    static final String ONE_PROCESSOR = "-XX:ActiveProcessorCount=1";

    private static final Pattern DEFAULT_OPTIONS = Pattern.compile("LAMPYRIS_JAVA_OPTS:=([^}\"]*)}");
    static final String POST_ID = "benchmark";
    /**
     * The options of the platform with its OCPP client on: pointed at a CSMS that is not there (port 1 of the
     * loopback refuses), so that the client runs, fails to connect and reconnects with its backoff, as a post whose
     * back office is out of reach would; the variant that weighs the OCPP bundle.
     */
    static final List<String> OCPP_ON = List.of("--ocpp-csms", "ws://127.0.0.1:1/ocpp/BENCH");

    /** Reads the JVM flags and the CoAP settings of a distribution. */
    static ServerLaunch of(Path distribution) throws IOException {
        return of(distribution, false);
    }

    /** Reads the JVM flags and the CoAP settings of a distribution, for the single-core profile or not. */
    static ServerLaunch of(Path distribution, boolean singleCore) throws IOException {
        Path script = distribution.resolve("bin/lampyris");
        if (!Files.isExecutable(script)) {
            throw new IOException("no distribution at " + distribution
                    + ": build it first with `mvn -B -q install -DskipTests` in the root of the checkout");
        }
        String fromEnvironment = System.getenv("LAMPYRIS_JAVA_OPTS");
        String options;
        String source;
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            options = fromEnvironment;
            source = "LAMPYRIS_JAVA_OPTS from the environment";
        } else {
            Matcher m = DEFAULT_OPTIONS.matcher(Files.readString(script, StandardCharsets.UTF_8));
            if (!m.find()) {
                throw new IOException("no default LAMPYRIS_JAVA_OPTS line in " + script);
            }
            options = m.group(1);
            source = "the default LAMPYRIS_JAVA_OPTS of " + script;
        }
        List<String> flags = Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        Properties security = properties(distribution.resolve("conf/org.lampyris.security.cfg"));
        Properties coap = properties(distribution.resolve("conf/org.lampyris.coap.cfg"));
        return new ServerLaunch(distribution, flags, source, settingsOf(coap, singleCore), dtlsOf(security, coap),
                readerKeyOf(security, distribution), classpathOf(BareServer.class,
                org.eclipse.californium.core.CoapServer.class,
                org.eclipse.californium.elements.config.Configuration.class,
                org.eclipse.californium.scandium.DTLSConnector.class, org.slf4j.LoggerFactory.class,
                loggingBackend()), singleCore);
    }

    private static Properties properties(Path cfg) throws IOException {
        Properties p = new Properties();
        if (Files.exists(cfg)) {
            try (Reader in = Files.newBufferedReader(cfg, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return p;
    }

    private static int integer(Properties p, String key, int otherwise) {
        return Integer.parseInt(p.getProperty(key, Integer.toString(otherwise)).trim());
    }

    private static ControllerSettings settingsOf(Properties coap, boolean singleCore) {
        ControllerSettings d = ControllerSettings.DEFAULTS;
        int protocolThreads = integer(coap, "protocol.threads", d.protocolThreads());
        if (protocolThreads <= 0) { // as the platform sizes it: one per processor it sees, at most two
            protocolThreads = singleCore ? 1 : Math.min(2, Runtime.getRuntime().availableProcessors());
        }
        return new ControllerSettings(integer(coap, "max.active.peers", d.maxActivePeers()),
                integer(coap, "max.server.observes", d.maxServerObserves()), protocolThreads);
    }

    private static DtlsSettings dtlsOf(Properties security, Properties coap) {
        DtlsSettings d = DtlsSettings.DEFAULTS;
        int stale = integer(security, "dtls.stale.connection.s", d.staleConnectionSeconds());
        int maxConnections = integer(security, "dtls.max.connections", d.maxConnections());
        if (maxConnections <= 0) { // sized for churn, as the platform's DtlsEndpoint does
            maxConnections = (int) Math.ceil(Double.parseDouble(security.getProperty("dtls.handshakes.per.s", "0.5")
                    .trim()) * stale);
        }
        return new DtlsSettings(maxConnections, stale,
                integer(security, "dtls.max.pending.handshakes", d.maxPendingHandshakes()),
                integer(coap, "max.upload.size", d.maxUploadSize()));
    }

    /**
     * @return the first {@code identity:reader:secret} of the city's {@code psk} list, else of the development one
     *         ({@code development.psk}), which the benchmark's post accepts because it is started with --dev
     */
    private static PskKey readerKeyOf(Properties security, Path distribution) throws IOException {
        for (String setting : new String[] { "psk", "development.psk" }) {
            String list = security.getProperty(setting, "").trim().replaceAll("^\\[|]$", "");
            for (String entry : list.split(",")) {
                String[] parts = entry.trim().split(":", 3);
                if (parts.length == 3 && parts[1].equals("reader")) {
                    return new PskKey(parts[0], parts[2]);
                }
            }
        }
        throw new IOException("no pre-shared key with the reader role (psk or development.psk = "
                + "[identity:reader:secret]) in " + distribution.resolve("conf/org.lampyris.security.cfg")
                + ": the DTLS load needs one");
    }

    static Class<?> loggingBackend() {
        try {
            return Class.forName("org.slf4j.impl.StaticLoggerBinder");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("slf4j-simple is not on the classpath", e);
        }
    }

    /** @return the jars or folders the classes were loaded from, as a classpath */
    static String classpathOf(Class<?>... classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return entries.stream().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** @return the command line of one side on a port, with a data directory of its own */
    List<String> commandLine(Side side, int port, int dtlsPort, Path dataDir) {
        return commandLine(side, port, dtlsPort, dataDir, List.of());
    }

    /**
     * @param extra further options of the platform's {@code bin/lampyris}, such as {@link #OCPP_ON}; the bare server
     *              takes none
     * @return the command line of one side on a port, with a data directory of its own
     */
    List<String> commandLine(Side side, int port, int dtlsPort, Path dataDir, List<String> extra) {
        List<String> command = new ArrayList<>();
        if (singleCore) {
            command.addAll(List.of("taskset", "-c", SERVER_CPU));
        }
        if (side == Side.PLATFORM) {
            command.addAll(List.of(distribution.resolve("bin/lampyris").toString(), "--port", Integer.toString(port),
                    "--dtls-port", Integer.toString(dtlsPort), "--data-dir", dataDir.toString(), "--post-id",
                    POST_ID, "--bind", "127.0.0.1", "--dev"));
            command.addAll(extra);
        } else {
            command.add("java");
            command.addAll(javaOptions);
            if (singleCore) {
                command.add(ONE_PROCESSOR);
            }
            command.addAll(List.of("-cp", classpath, BareServer.class.getName(), "--port", Integer.toString(port),
                    "--dtls-port", Integer.toString(dtlsPort), "--psk", readerKey.argument()));
            command.addAll(List.of(settings.arguments()));
            command.addAll(List.of(dtls.arguments()));
        }
        return command;
    }

    /**
     * @return what the side's process gets in its environment beyond this one's: in the single-core profile the
     *         platform's {@code LAMPYRIS_JAVA_OPTS}, its JVM flags and {@link #ONE_PROCESSOR}
     */
    java.util.Map<String, String> environment(Side side) {
        return singleCore && side == Side.PLATFORM
                ? java.util.Map.of("LAMPYRIS_JAVA_OPTS", String.join(" ", javaOptions) + " " + ONE_PROCESSOR)
                : java.util.Map.of();
    }

    /** @return the command line for display, with the classpath shortened */
    String display(Side side) {
        return String.join(" ", commandLine(side, 0, 0, Path.of("<fresh temp dir>")))
                .replace(classpath, "<this module's classes, californium-core, element-connector, scandium, slf4j-api, "
                        + "slf4j-simple>")
                .replace(readerKey.argument(), readerKey.toString())
                .replace("--port 0 --dtls-port 0", "--port <free> --dtls-port <free>");
    }
}
