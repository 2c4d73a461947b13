package org.lampyris.lampctl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * lampctl's entry point: parses the command line, runs the command on each post, prints errors as
 * {@code lampctl: HOST: METHOD /path: CODE Name: reason} and exits with an {@link ExitCode}.
 */
public final class Main {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean terminal;

    /**
     * @param out results
     * @param err progress and errors
     * @param env the environment (LAMPCTL_PSK)
     * @param terminal whether err is a terminal
     */
    public Main(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        int status = new Main(System.out, System.err, System.getenv(), System.console() != null).run(args)
                .status();
        System.out.flush();
        System.exit(status);
    }

    /** Runs a command line to the end and says how it went. */
    public ExitCode run(String... args) {
        if (CommandLine.wantsHelp(args)) {
            out.print(Usage.TEXT);
            out.flush();
            return ExitCode.SUCCESS;
        }
        CommandLine line;
        try {
            line = CommandLine.parse(args, env);
        } catch (UsageException e) {
            err.println("lampctl: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try (PostClient client = new PostClient(line.credentials(), line.timeout(), line.patience())) {
            Session session = new Session(line, client, out, err, terminal);
            if (line.command().equals("rollout")) {
                BundleJar jar = BundleJar.read(Path.of(line.arguments().get(0)));
                return new Rollout(session).run(line.hosts(), jar, line.rollback());
            }
            ExitCode exit = ExitCode.SUCCESS;
            List<HostAddress> hosts = line.hosts();
            for (HostAddress host : hosts) {
                if (hosts.size() > 1) {
                    out.println("# " + host);
                }
                try {
                    runOn(session, host);
                } catch (CommandFailure failure) {
                    err.println("lampctl: " + failure.getMessage());
                    exit = exit.worst(failure.exitCode());
                }
            }
            return exit;
        } catch (UsageException e) {
            err.println("lampctl: " + e.getMessage());
            return ExitCode.USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void runOn(Session session, HostAddress host) throws CommandFailure, UsageException {
        CommandLine line = session.line();
        List<String> a = line.arguments();
        PointCommands points = new PointCommands(session);
        BundleCommands bundles = new BundleCommands(session);
        ManagementCommands management = new ManagementCommands(session);
        switch (line.command()) {
            case "discover" -> points.discover(host);
            case "get" -> points.get(host, a.get(0));
            case "put" -> points.put(host, a.get(0), a.get(1));
            case "observe" -> points.observe(host, a.get(0));
            case "bundles" -> bundles.list(host);
            case "bundle" -> bundles.show(host, a.get(0));
            case "install" -> bundles.install(host, Path.of(a.get(0)));
            case "update" -> session.out().println(bundles.update(host, BundleJar.read(Path.of(a.get(0))),
                    line.rollback()));
            case "rollback", "start", "stop" -> bundles.act(host, line.command(), a.get(0));
            case "uninstall" -> bundles.uninstall(host, a.get(0));
            case "config" -> management.config(host, a.get(0));
            case "health" -> management.health(host);
            case "log" -> management.log(host);
            default -> throw new UsageException("unknown command " + line.command());
        }
    }
}
