package org.lampyris.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line of {@code bin/lampyris}.
 *
 * @param port the plain CoAP port
 * @param dtlsPort the CoAPS (DTLS) port
 * @param dataDir where the bundle cache, configuration and journals live
 * @param postId the identity of this lamp post
 * @param clockSpeed how many times faster than real time the simulated clock runs
 * @param bind the local address the endpoints listen on
 * @param clockStart the moment the simulated clock starts at, as an ISO-8601 instant; empty for now
 * @param help whether only the usage was asked for
 * @param lwm2mServer the LwM2M server to register with, or empty for the one of the configuration
 * @param lwm2mBootstrap the LwM2M bootstrap server to get the server account from, or empty for the one of the
 *            configuration
 * @param development whether this is a development post, which accepts the public development credentials of
 *            {@code conf/security/}; otherwise a street post, which never does
 * @param ocppCsms the OCPP 1.6J central system to report the charge point to, or empty for the one of the
 *            configuration
 * @param ngsiLdBroker the NGSI-LD context broker to publish the post's entities to, or empty for the one of the
 *            configuration
 */
record LaunchOptions(int port, int dtlsPort, Path dataDir, String postId, double clockSpeed, String bind,
        String clockStart, boolean help, String lwm2mServer, String lwm2mBootstrap, boolean development,
        String ocppCsms, String ngsiLdBroker) {

    static final String USAGE = """
            Usage: lampyris [options]
                   lampyris provision --data DIR ...   (the city's credentials, at the depot: provision --help)
              --port N           UDP port for plain CoAP (default 5683)
              --dtls-port N      UDP port for CoAP over DTLS (default 5684)
              --data-dir DIR     bundle cache, configuration and journals (default ./data)
              --post-id ID       identity of this lamp post, letters, digits, '-', '_' and '.' (default post-1)
              --clock-speed X    simulated time runs X times faster than real time, 0 < X <= 10000 (default 1)
              --clock-start T    simulated time starts at T, an instant such as 2026-12-21T15:00:00Z (default now)
              --bind ADDRESS     local address to listen on, e.g. 127.0.0.1 (default 0.0.0.0, every interface)
              --lwm2m-server URI register with this LwM2M server, coap://host:port (default: the server.uri of
                                 conf/org.lampyris.lwm2m.cfg, where security is set; none there: no LwM2M)
              --lwm2m-bootstrap URI
                                 get the LwM2M server account from this bootstrap server, coap://host:port (default:
                                 the bootstrap.uri of conf/org.lampyris.lwm2m.cfg); not with --lwm2m-server
              --ocpp-csms URL    report the charge point to this OCPP 1.6J central system,
                                 wss://host:port/path/CHARGEPOINT-ID (ws:// only with --dev; default: the csms.url
                                 of conf/org.lampyris.ocpp.cfg, where the password is set; none there: no OCPP)
              --ngsi-ld-broker URL
                                 publish the post as FIWARE Smart Data Models entities to this NGSI-LD context
                                 broker, https://host:port (http:// only with --dev; default: the broker.url of
                                 conf/org.lampyris.ngsild.cfg, where the tenant and token are set; none there: off)
              --dev              a development post: accepts the public development identities, client
                                 certificates and code-signing authority of conf/security/ (never in a street);
                                 without it, a street post, which uses only the city's credentials or its own
              --help             print this help
            """;

    private static final Pattern POST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * @param args the command-line arguments
     * @return the options
     * @throws IllegalArgumentException naming the option that is wrong and why
     */
    static LaunchOptions parse(List<String> args) {
        int port = 5683;
        int dtlsPort = 5684;
        Path dataDir = Path.of("data");
        String postId = "post-1";
        double clockSpeed = 1;
        String bind = "0.0.0.0";
        String clockStart = "";
        String lwm2mServer = "";
        String lwm2mBootstrap = "";
        String ocppCsms = "";
        String ngsiLdBroker = "";
        boolean development = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new LaunchOptions(port, dtlsPort, dataDir, postId, clockSpeed, bind, clockStart, true, "", "",
                        false, "", "");
            }
            if (arg.equals("--dev")) {
                development = true;
                continue;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                value = i + 1 < args.size() ? args.get(i + 1) : null;
                i++;
            }
            switch (name) {
                case "--port" -> port = port(name, value);
                case "--dtls-port" -> dtlsPort = port(name, value);
                case "--data-dir" -> dataDir = Path.of(required(name, value));
                case "--post-id" -> {
                    postId = required(name, value);
                    if (!POST_ID.matcher(postId).matches()) {
                        throw new IllegalArgumentException("--post-id '" + postId
                                + "' must be 1-64 letters, digits, '-', '_' or '.'");
                    }
                }
                case "--clock-speed" -> clockSpeed = speed(name, value);
                case "--bind" -> bind = address(name, value);
                case "--clock-start" -> clockStart = instant(name, value);
                case "--lwm2m-server" -> lwm2mServer = lwm2mUri(name, value);
                case "--lwm2m-bootstrap" -> lwm2mBootstrap = lwm2mUri(name, value);
                case "--ocpp-csms" -> ocppCsms = csmsUrl(name, value);
                case "--ngsi-ld-broker" -> ngsiLdBroker = brokerUrl(name, value);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "' (try --help)");
            }
        }
        if (port == dtlsPort) {
            throw new IllegalArgumentException("--port and --dtls-port must differ, both are " + port);
        }
        if (!lwm2mServer.isEmpty() && !lwm2mBootstrap.isEmpty()) {
            throw new IllegalArgumentException("--lwm2m-server and --lwm2m-bootstrap exclude each other: a post with a "
                    + "bootstrap server gets its LwM2M server from it");
        }
        return new LaunchOptions(port, dtlsPort, dataDir, postId, clockSpeed, bind, clockStart, false, lwm2mServer,
                lwm2mBootstrap, development, ocppCsms, ngsiLdBroker);
    }

    private static String brokerUrl(String name, String value) {
        String url = required(name, value);
        try {
            java.net.URI parsed = new java.net.URI(url);
            if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme()) || parsed.getHost() == null
                    || parsed.getQuery() != null || parsed.getUserInfo() != null) {
                throw new IllegalArgumentException(name + " '" + url
                        + "' must be https://host:port[/path] without credentials (or http:// on a development post)");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + " '" + url + "' is not a URL: " + e.getReason());
        }
        return url;
    }

    private static String lwm2mUri(String name, String value) {
        String uri = required(name, value);
        try {
            java.net.URI parsed = new java.net.URI(uri);
            if (!"coap".equals(parsed.getScheme()) && !"coaps".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException(name + " '" + uri
                        + "' must be coap://host:port or coaps://host:port");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + " '" + uri + "' is not a URI: " + e.getReason());
        }
        return uri;
    }

    private static String csmsUrl(String name, String value) {
        String url = required(name, value);
        try {
            java.net.URI parsed = new java.net.URI(url);
            if (!"ws".equals(parsed.getScheme()) && !"wss".equals(parsed.getScheme()) || parsed.getHost() == null
                    || parsed.getPath() == null || parsed.getPath().endsWith("/") || parsed.getPath().isEmpty()) {
                throw new IllegalArgumentException(name + " '" + url
                        + "' must be wss://host:port/path/CHARGEPOINT-ID (or ws:// on a development post)");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + " '" + url + "' is not a URL: " + e.getReason());
        }
        return url;
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty() || value.startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }

    private static int port(String name, String value) {
        String v = required(name, value);
        try {
            int p = Integer.parseInt(v);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + v + "' is not a port number between 1 and 65535");
    }

    /** A literal IPv4 or IPv6 address: a host name would be looked up, which a controller must not wait for. */
    private static String address(String name, String value) {
        String v = required(name, value);
        boolean ipv4 = v.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(v.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        boolean ipv6 = v.contains(":") && v.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException(name + " '" + v + "' is not an IP address such as 127.0.0.1");
        }
        return v;
    }

    private static String instant(String name, String value) {
        String v = required(name, value);
        try {
            return java.time.Instant.parse(v).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + v
                    + "' is not an instant such as 2026-12-21T15:00:00Z (UTC, ISO-8601)");
        }
    }

    private static double speed(String name, String value) {
        String v = required(name, value);
        try {
            double s = Double.parseDouble(v);
            if (s > 0 && s <= 10000) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + v + "' is not a number greater than 0 and at most 10000");
    }
}
