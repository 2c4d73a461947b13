package org.lampyris.lampctl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed lampctl command line: the posts, the credentials, the patience, the command and its arguments. Options may
 * stand anywhere; {@code --} ends them.
 *
 * @param hosts the posts, in the order given (the first is the canary of a rollout)
 * @param credentials how to authenticate over DTLS, or null when every post is plain CoAP
 * @param timeout how long a post may stay silent before it counts as unreachable
 * @param patience how long to wait for the answer to a request the post has acknowledged (separate response), such
 *        as an update that answers after its health window
 * @param command the command, e.g. {@code get}
 * @param arguments the command's arguments
 * @param accept for {@code get}: text, json, senml, cbor or link
 * @param format for {@code put}: the format of the value, text, json or senml
 * @param seconds for {@code observe}: how long to observe, or 0 until interrupted
 * @param rollback for {@code update} and {@code rollout}: allow a lower version
 * @param set for {@code config}: the JSON object to write
 * @param lines for {@code log}: how many lines, or 0 for all the post gives
 */
record CommandLine(List<HostAddress> hosts, Credentials credentials, Duration timeout, Duration patience,
        String command, List<String> arguments, String accept, String format, int seconds, boolean rollback,
        String set, int lines) {

    /** Commands and their number of arguments. */
    static final Map<String, Integer> COMMANDS = Map.ofEntries(Map.entry("discover", 0), Map.entry("get", 1),
            Map.entry("put", 2), Map.entry("observe", 1), Map.entry("bundles", 0), Map.entry("bundle", 1),
            Map.entry("install", 1), Map.entry("update", 1), Map.entry("rollback", 1), Map.entry("start", 1),
            Map.entry("stop", 1), Map.entry("uninstall", 1), Map.entry("config", 1), Map.entry("health", 0),
            Map.entry("log", 0), Map.entry("rollout", 1));

    /** Commands that change a post: over DTLS only, since plain CoAP is read-only. */
    static final Set<String> WRITES = Set.of("put", "install", "update", "rollback", "start", "stop", "uninstall",
            "rollout");

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(300);

    /** Command options and the commands they apply to. */
    private static final Map<String, Set<String>> COMMAND_OPTIONS = Map.of("--accept", Set.of("get", "observe"),
            "--format", Set.of("put"), "--seconds", Set.of("observe"), "--rollback", Set.of("update", "rollout"),
            "--set", Set.of("config"), "--lines", Set.of("log"));
    private static final Set<String> ACCEPTS = Set.of("text", "json", "senml", "cbor", "link");
    private static final Set<String> FORMATS = Set.of("text", "json", "senml");

    /** @return true when the command line asks for help */
    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
                return true;
            }
        }
        return args.length == 0;
    }

    /**
     * @param args the arguments of the process
     * @param env the environment (LAMPCTL_PSK)
     * @throws UsageException naming what is wrong
     */
    static CommandLine parse(String[] args, Map<String, String> env) throws UsageException {
        List<HostAddress> hosts = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        String psk = null;
        Path cert = null;
        Path key = null;
        Path ca = null;
        Duration timeout = DEFAULT_TIMEOUT;
        Duration patience = DEFAULT_PATIENCE;
        String accept = null;
        String format = null;
        int seconds = 0;
        boolean rollback = false;
        String set = null;
        int lines = 0;
        List<String> used = new ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!options || !a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            if (a.equals("--")) {
                options = false;
                continue;
            }
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            used.add(name);
            if (name.equals("--rollback")) {
                if (inline != null) {
                    throw new UsageException("--rollback takes no value");
                }
                rollback = true;
                continue;
            }
            String value;
            if (inline != null) {
                value = inline;
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--host" -> hosts.add(HostAddress.parse(value));
                case "--hosts" -> hosts.addAll(HostAddress.readFile(Path.of(value)));
                case "--psk" -> psk = value;
                case "--cert" -> cert = Path.of(value);
                case "--key" -> key = Path.of(value);
                case "--ca" -> ca = Path.of(value);
                case "--timeout" -> timeout = seconds(name, value);
                case "--wait" -> patience = seconds(name, value);
                case "--accept" -> accept = oneOf(name, value, ACCEPTS);
                case "--format" -> format = oneOf(name, value, FORMATS);
                case "--seconds" -> seconds = count(name, value);
                case "--set" -> set = value;
                case "--lines" -> lines = count(name, value);
                default -> throw new UsageException("unknown option " + name + " (see lampctl --help)");
            }
        }
        if (positional.isEmpty()) {
            throw new UsageException("no command (see lampctl --help)");
        }
        String command = positional.get(0).toLowerCase(Locale.ROOT);
        Integer arity = COMMANDS.get(command);
        if (arity == null) {
            throw new UsageException("unknown command " + positional.get(0) + " (see lampctl --help)");
        }
        List<String> arguments = List.copyOf(positional.subList(1, positional.size()));
        if (arguments.size() != arity) {
            throw new UsageException(command + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", not "
                    + arguments.size() + (arguments.isEmpty() ? "" : ": " + String.join(" ", arguments)));
        }
        for (String option : used) {
            Set<String> applies = COMMAND_OPTIONS.get(option);
            if (applies != null && !applies.contains(command)) {
                throw new UsageException(option + " does not apply to " + command);
            }
        }
        checkArguments(command, arguments);
        if (set != null) {
            checkJsonObject(set);
        }
        if (hosts.isEmpty()) {
            throw new UsageException("no post: give --host HOST[:PORT] or --hosts FILE");
        }
        if (WRITES.contains(command) || (command.equals("config") && set != null)) {
            for (HostAddress h : hosts) {
                if (!h.secure()) {
                    throw new UsageException(command + " changes the post, and plain CoAP is read-only: use "
                            + h.host() + " (coaps://) instead of " + h);
                }
            }
        }
        Credentials credentials = null;
        if (hosts.stream().anyMatch(HostAddress::secure)) {
            credentials = credentials(psk, cert, key, ca, env);
        }
        return new CommandLine(List.copyOf(hosts), credentials, timeout, patience, command, arguments, accept,
                format, seconds, rollback, set, lines);
    }

    private static void checkArguments(String command, List<String> arguments) throws UsageException {
        switch (command) {
            case "get", "put", "observe" -> {
                if (!arguments.get(0).startsWith("/")) {
                    throw new UsageException(command + ": the path must start with /, not " + arguments.get(0));
                }
            }
            case "bundle", "rollback", "start", "stop", "uninstall", "config" -> {
                String name = arguments.get(0);
                if (name.isEmpty() || name.contains("/") || name.contains("?")) {
                    throw new UsageException(command + ": " + name + " is not a bundle symbolic name"
                            + (command.equals("config") ? " or configuration PID" : ""));
                }
            }
            default -> {
                // install, update and rollout read their JAR when they run
            }
        }
    }

    private static void checkJsonObject(String set) throws UsageException {
        Object parsed;
        try {
            parsed = Json.parse(set);
        } catch (IllegalArgumentException e) {
            throw new UsageException("config --set: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw new UsageException("config --set: expected a JSON object, e.g. {\"night.level\": 40}");
        }
    }

    private static Credentials credentials(String psk, Path cert, Path key, Path ca, Map<String, String> env)
            throws UsageException {
        if (cert != null || key != null || ca != null) {
            if (psk != null) {
                throw new UsageException("give either --psk or --cert, not both");
            }
            if (cert == null) {
                throw new UsageException("--key and --ca need --cert");
            }
            if (ca == null) {
                throw new UsageException("--cert needs --ca, the authority that signed the posts' certificates");
            }
            return new Credentials.Certificate(cert, key, ca);
        }
        if (psk != null) {
            return Credentials.Psk.parse(psk, "--psk");
        }
        String fromEnv = env.get("LAMPCTL_PSK");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Credentials.Psk.parse(fromEnv, "LAMPCTL_PSK");
        }
        throw new UsageException("no credentials for coaps://: give --psk IDENTITY:SECRET, --cert CRT --key KEY"
                + " --ca CA, or set LAMPCTL_PSK");
    }

    private static Duration seconds(String name, String value) throws UsageException {
        try {
            double s = Double.parseDouble(value);
            if (s > 0 && s <= 86_400) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(name + " " + value + ": expected seconds, more than 0");
    }

    private static int count(String name, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(name + " " + value + ": expected a whole number, more than 0");
    }

    private static String oneOf(String name, String value, Set<String> allowed) throws UsageException {
        String v = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new UsageException(name + " " + value + ": expected one of " + String.join(", ",
                    allowed.stream().sorted().toList()));
        }
        return v;
    }
}
