package org.lampyris.lampctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One lamp post as the engineer names it: {@code HOST[:PORT]} for CoAP over DTLS (port 5684), or
 * {@code coap://HOST[:PORT]} for plain, read-only CoAP (port 5683). An IPv6 address goes in brackets.
 *
 * @param secure whether requests go over DTLS ({@code coaps://})
 * @param host the host name or address, without brackets
 * @param port the UDP port
 */
record HostAddress(boolean secure, String host, int port) {
    static final int COAPS_PORT = 5684;
    static final int COAP_PORT = 5683;

    /** @throws UsageException naming the host that cannot be understood */
    static HostAddress parse(String spec) throws UsageException {
        String rest = spec.trim();
        boolean secure = true;
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("coaps://")) {
            rest = rest.substring(8);
        } else if (lower.startsWith("coap://")) {
            rest = rest.substring(7);
            secure = false;
        } else if (lower.contains("://")) {
            throw new UsageException("host " + spec + ": only coaps:// and coap:// are supported");
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String host;
        String port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new UsageException("host " + spec + ": unclosed [ of an IPv6 address");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new UsageException("host " + spec + ": expected :PORT after the IPv6 address");
                }
                port = after.substring(1);
            }
        } else {
            int colon = rest.indexOf(':');
            if (colon >= 0 && rest.indexOf(':', colon + 1) >= 0) {
                throw new UsageException("host " + spec + ": write an IPv6 address in brackets, [ADDRESS]:PORT");
            }
            host = colon < 0 ? rest : rest.substring(0, colon);
            port = colon < 0 ? null : rest.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains("/")) {
            throw new UsageException("host " + spec + ": expected HOST[:PORT]");
        }
        int number = secure ? COAPS_PORT : COAP_PORT;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw new UsageException("host " + spec + ": port " + port + " is not a number from 1 to 65535");
            }
        }
        return new HostAddress(secure, host, number);
    }

    /**
     * Reads a hosts file: one {@code HOST[:PORT]} per line; blank lines and everything after a {@code #} ignored.
     *
     * @throws UsageException when the file cannot be read, names a bad host (with its line) or names none
     */
    static List<HostAddress> readFile(Path file) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("hosts file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        List<HostAddress> hosts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String spec = (hash < 0 ? line : line.substring(0, hash)).trim();
            if (spec.isEmpty()) {
                continue;
            }
            try {
                hosts.add(parse(spec));
            } catch (UsageException e) {
                throw new UsageException("hosts file " + file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (hosts.isEmpty()) {
            throw new UsageException("hosts file " + file + " names no host");
        }
        return hosts;
    }

    /** @return the URI of a path (with its query, if any) on this post */
    String uri(String pathAndQuery) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (secure ? "coaps://" : "coap://") + h + ":" + port + pathAndQuery;
    }

    /** As the engineer reads it in messages and tables: {@code 127.0.0.1:5684}, {@code coap://127.0.0.1:5683}. */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (secure ? "" : "coap://") + h + ":" + port;
    }
}
