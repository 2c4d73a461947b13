package org.lampyris.lampctl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * lampctl's command line, each command and option named once, from which picocli parses arguments and writes the
 * help. A command runs on each post in turn ({@link #onEachPost}), except status, rollout and serve, which ask the
 * posts in parallel through a {@link PostPool}; the work is done by {@link PointCommands}, {@link BundleCommands},
 * {@link ManagementCommands}, {@link StatusCommand}, {@link Rollout} and {@link EngineerPage}. Each command method answers with the
 * process exit status ({@link ExitCode}).
 */
@Command(name = "lampctl", description = "The city engineer's client for Lampyris lamp posts: points, bundles, "
        + "configuration and health of one post or many, and canary rollouts.",
        abbreviateSynopsis = true, sortOptions = false, synopsisSubcommandLabel = "COMMAND",
        subcommands = { IdentityCommand.class, TrustCommand.class },
        optionListHeading = "%nOptions, before or after the command%n", commandListHeading = "%nCommands%n",
        exitCodeListHeading = "%nExit status%n",
        exitCodeList = { "0:success", "1:refused: a post answered 4.xx or 5.xx, or reported its health degraded",
            "2:command-line error, nothing sent",
            "3:unreachable: no answer in time, or the DTLS handshake failed" },
        footerHeading = "%n",
        footer = { "With several posts every command runs on each in turn (status, rollout and serve ask them in parallel); the "
                + "exit status is the most serious outcome (3, then 1). Every error names the post, the request and "
                + "the CoAP answer with the post's reason.", "", "Examples",
            "  LAMPCTL_PSK=city-engineer:engineer-secret lampctl --host 127.0.0.1 health",
            "  lampctl --host 10.0.4.17 --psk city-operator:operator-secret put /light/level 30",
            "  lampctl --host coap://10.0.4.17 get /light --accept senml",
            "  lampctl --hosts elm-street.txt status",
            "  lampctl --hosts elm-street.txt rollout org.example.dimming-1.2.0.jar --waves 1,5%%,25%% --dry-run",
            "  lampctl --hosts elm-street.txt serve --port 8080",
            "  lampctl --host 10.0.4.17 identity add anna --role engineer --secret-file anna.secret",
            "  lampctl --host 10.0.4.17 trust replace city-2027.jar" })
final class Lampctl implements Callable<Integer> {
    // Mixins, not argument groups: picocli starts a new group at a repeated option, and --host repeats.
    @Mixin
    private PostOptions posts;

    @Mixin
    private CredentialOptions credentials;

    @Mixin
    private PatienceOptions patience;

    @Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT,
            description = "this help; lampctl COMMAND --help for a command's")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean terminal;

    /**
     * @param out results and help
     * @param err progress and errors
     * @param env the environment (LAMPCTL_PSK)
     * @param terminal whether err is a terminal
     */
    Lampctl(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    /** Options alone, no command. */
    @Override
    public Integer call() throws UsageException {
        throw new UsageException("no command (see lampctl --help)");
    }

    @Command(name = "discover", description = "GET /.well-known/core, one link per line")
    int discover() throws UsageException {
        return onEachPost(false, (session, host) -> new PointCommands(session).discover(host));
    }

    @Command(name = "get", description = "GET a point or collection (CBOR is printed as hex)")
    int get(@Parameters(paramLabel = "PATH", converter = Arguments.PointPath.class,
            description = "e.g. /light/level or /light") String path, @Mixin AcceptOption accept)
            throws UsageException {
        return onEachPost(false, (session, host) -> new PointCommands(session).get(host, path, accept.format));
    }

    @Command(name = "put", description = "PUT a value")
    int put(@Parameters(paramLabel = "PATH", converter = Arguments.PointPath.class,
            description = "e.g. /light/level") String path,
            @Parameters(paramLabel = "VALUE", description = "e.g. 30") String value,
            @Option(names = "--format", paramLabel = "F", converter = MediaFormat.Written.class, defaultValue = "text",
                    description = "the value's format: text (default), json or senml") MediaFormat format)
            throws UsageException {
        return onEachPost(true, (session, host) -> new PointCommands(session).put(host, path, value, format));
    }

    @Command(name = "observe", description = "one line per notification, with the time it arrived, for N seconds "
            + "or until interrupted")
    int observe(@Parameters(paramLabel = "PATH", converter = Arguments.PointPath.class,
            description = "e.g. /light/level") String path,
            @Option(names = "--seconds", paramLabel = "N", converter = Arguments.PositiveCount.class,
                    description = "how long to observe (default: until interrupted)") Integer seconds,
            @Mixin AcceptOption accept) throws UsageException {
        return onEachPost(false, (session, host) -> new PointCommands(session).observe(host, path, accept.format,
                seconds == null ? 0 : seconds));
    }

    @Command(name = "bundles", description = "GET /mgmt/bundles, as a table")
    int bundles() throws UsageException {
        return onEachPost(false, (session, host) -> new BundleCommands(session).list(host));
    }

    @Command(name = "bundle", description = "GET /mgmt/bundles/BSN, with its last transaction")
    int bundle(@Parameters(paramLabel = "BSN", converter = Arguments.BundleName.class,
            description = "a bundle symbolic name") String bsn) throws UsageException {
        return onEachPost(false, (session, host) -> new BundleCommands(session).show(host, bsn));
    }

    @Command(name = "install", description = "POST /mgmt/bundles (block-wise, progress on stderr)")
    int install(@Parameters(paramLabel = "JAR", description = "a signed bundle") Path jar) throws UsageException {
        return onEachPost(true, (session, host) -> new BundleCommands(session).install(host, jar));
    }

    @Command(name = "update", description = "PUT /mgmt/bundles/{Bundle-SymbolicName of the JAR}: the post applies "
            + "it, watches its health window and answers, or reverts and refuses")
    int update(@Parameters(paramLabel = "JAR", description = "a signed bundle") Path jar,
            @Mixin RollbackOption rollback) throws UsageException {
        return onEachPost(true, (session, host) -> session.out().println(new BundleCommands(session).update(host,
                BundleJar.read(jar), rollback.allowed)));
    }

    @Command(name = "rollback", description = "POST rollback to /mgmt/bundles/BSN: back to the version before")
    int rollback(@Parameters(paramLabel = "BSN", converter = Arguments.BundleName.class,
            description = "a bundle symbolic name") String bsn) throws UsageException {
        return act(bsn);
    }

    @Command(name = "start", description = "POST start to /mgmt/bundles/BSN")
    int start(@Parameters(paramLabel = "BSN", converter = Arguments.BundleName.class,
            description = "a bundle symbolic name") String bsn) throws UsageException {
        return act(bsn);
    }

    @Command(name = "stop", description = "POST stop to /mgmt/bundles/BSN")
    int stop(@Parameters(paramLabel = "BSN", converter = Arguments.BundleName.class,
            description = "a bundle symbolic name") String bsn) throws UsageException {
        return act(bsn);
    }

    @Command(name = "uninstall", description = "DELETE /mgmt/bundles/BSN")
    int uninstall(@Parameters(paramLabel = "BSN", converter = Arguments.BundleName.class,
            description = "a bundle symbolic name") String bsn) throws UsageException {
        return onEachPost(true, (session, host) -> new BundleCommands(session).uninstall(host, bsn));
    }

    @Command(name = "config", description = "GET, or PUT a JSON object to, /mgmt/config/PID")
    int config(@Parameters(paramLabel = "PID", converter = Arguments.ConfigurationPid.class,
            description = "a configuration PID, e.g. org.lampyris.dimming") String pid,
            @Option(names = "--set", paramLabel = "JSON", converter = Arguments.JsonObject.class,
                    description = "the JSON object to write, e.g. {\"night.level\": 40}") String set)
            throws UsageException {
        return onEachPost(set != null, (session, host) -> new ManagementCommands(session).config(host, pid, set));
    }

    @Command(name = "health", description = "GET /mgmt/health")
    int health() throws UsageException {
        return onEachPost(false, (session, host) -> new ManagementCommands(session).health(host));
    }

    @Command(name = "log", description = "GET /mgmt/log")
    int log(@Option(names = "--lines", paramLabel = "N", converter = Arguments.PositiveCount.class,
            description = "its last N lines (default: all the post gives)") Integer lines) throws UsageException {
        return onEachPost(false, (session, host) -> new ManagementCommands(session).log(host,
                lines == null ? 0 : lines));
    }

    @Command(name = "status", description = "one row per post: reachable, plugins and versions, health, fail-safe, "
            + "light level, last error; the posts asked in parallel")
    int status(@Mixin ParallelOption parallel) throws UsageException {
        List<HostAddress> hosts = posts.hosts(command(), false);
        try (PostPool pool = pool(hosts, parallel.posts)) {
            return new StatusCommand(pool, new Session(null, out, err, terminal)).run(hosts).status();
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(name = "rollout", description = "update the first post (the canary), then the others in growing waves, "
            + "in parallel within a wave; stop when more posts fail than the budget allows; the same command again "
            + "continues where it stopped; print which post runs which version")
    int rollout(@Parameters(paramLabel = "JAR", description = "a signed bundle") Path jar,
            @Mixin RollbackOption rollback,
            @Option(names = "--waves", paramLabel = "SIZES", converter = WavePlan.Reader.class,
                    defaultValue = WavePlan.DEFAULT, description = "wave sizes after each other, a number of posts or "
                            + "a share of them; the rest make the last wave (default 1,5%%,25%%)")
            WavePlan waves,
            @Option(names = "--max-failures", paramLabel = "N|P%", converter = FailureBudget.Reader.class,
                    defaultValue = "0", description = "stop once more posts than this fail, a number or a share "
                            + "(default 0: stop at the first failure); a failed canary always stops")
            FailureBudget budget,
            @Option(names = "--state", paramLabel = "FILE", description = "where the rollout keeps what it did "
                    + "(default: one file per JAR and hosts under ~/.local/state/lampctl/rollouts)") Path stateFile,
            @Option(names = "--retry-failed", description = "send the bundle again to posts that failed in an "
                    + "earlier run") boolean retryFailed,
            @Option(names = "--dry-run", description = "print the waves and what earlier runs did; send nothing")
            boolean dryRun,
            @Mixin ParallelOption parallel) throws UsageException {
        List<HostAddress> hosts = posts.hosts(command(), true);
        BundleJar bundle = BundleJar.read(jar);
        RolloutState state = RolloutState.open(stateFile != null ? stateFile
                : RolloutState.defaultFile(env, bundle, hosts), bundle);
        Rollout.Options options = new Rollout.Options(waves, budget, rollback.allowed, retryFailed);
        try (PostPool pool = pool(hosts, parallel.posts)) {
            Rollout rollout = new Rollout(pool, new Session(null, out, err, terminal));
            return (dryRun ? rollout.plan(hosts, bundle, options, state) : rollout.run(hosts, bundle, options, state))
                    .status();
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(name = "serve", description = "the engineer's page on this machine: the posts on a plan, a post's "
            + "detail and last night, a running rollout; lampctl talks to the posts, the browser only to lampctl")
    int serve(@Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "the local HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one)") int port,
            @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
                    description = "the address to listen on (default ${DEFAULT-VALUE}, this machine only)")
            String bind,
            @Option(names = "--refresh", paramLabel = "S", converter = Arguments.Seconds.class, defaultValue = "10",
                    description = "how often the posts are asked again (default ${DEFAULT-VALUE})")
            java.time.Duration refresh,
            @Option(names = "--rollout-state", paramLabel = "FILE", description = "the rollout whose progress the "
                    + "page shows (default: the newest under ~/.local/state/lampctl/rollouts)") Path rolloutState,
            @Mixin ParallelOption parallel) throws UsageException {
        List<HostAddress> hosts = posts.hosts(command(), false);
        if (port < 0 || port > 65535) {
            throw new UsageException("--port " + port + ": expected 0 to 65535");
        }
        try (PostPool pool = pool(hosts, parallel.posts);
                EngineerPage page = EngineerPage.start(bind, port, hosts, pool, refresh,
                        rolloutState != null ? rolloutState : RolloutState.folder(env), err)) {
            out.println("lampctl serves the engineer's page on " + page.url() + " (Ctrl-C stops it)");
            out.flush();
            page.awaitStop();
            return ExitCode.SUCCESS.status();
        } catch (java.io.IOException e) {
            throw new UsageException("cannot serve on " + bind + ":" + port + ": " + e.getMessage());
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(name = "help", description = "this help, or a command's")
    int help(@Parameters(paramLabel = "COMMAND", arity = "0..1", description = "e.g. get") String command)
            throws UsageException {
        picocli.CommandLine lampctl = spec.commandLine();
        picocli.CommandLine about = command == null ? lampctl : lampctl.getSubcommands().get(command);
        if (about == null) {
            throw new UsageException("unknown command " + command + " (see lampctl --help)");
        }
        about.usage(out);
        return ExitCode.SUCCESS.status();
    }

    /** {@code --accept} of get and observe. */
    static final class AcceptOption {
        @Option(names = "--accept", paramLabel = "F", converter = MediaFormat.Accepted.class,
                description = "the format to ask for: text, json, senml, cbor or link")
        MediaFormat format;
    }

    /** {@code --parallel} of status, rollout and serve. */
    static final class ParallelOption {
        @Option(names = "--parallel", paramLabel = "N", converter = Arguments.PositiveCount.class,
                defaultValue = "16", description = "how many posts are asked at once (default ${DEFAULT-VALUE})")
        int posts;
    }

    /** {@code --rollback} of update and rollout. */
    static final class RollbackOption {
        @Option(names = "--rollback", description = "allow a lower version than the post runs")
        boolean allowed;
    }

    /** One command's work on one post. */
    @FunctionalInterface
    interface PostAction {
        void runOn(Session session, HostAddress host) throws CommandFailure, UsageException;
    }

    /** rollback, start or stop: the command's name is the action the post is asked for. */
    private int act(String bsn) throws UsageException {
        String action = command();
        return onEachPost(true, (session, host) -> new BundleCommands(session).act(host, action, bsn));
    }

    /**
     * Runs a command on each post in turn, a line {@code # HOST} before each when there are several, and prints each
     * failure as {@code lampctl: HOST: METHOD /path: CODE Name: reason}.
     *
     * @param changes whether the command changes the post (then over DTLS only)
     * @return the exit status: the most serious outcome
     * @throws UsageException when the command line cannot run: nothing was sent to the post it names
     */
    int onEachPost(boolean changes, PostAction action) throws UsageException {
        List<HostAddress> hosts = posts.hosts(command(), changes);
        try (PostClient client = client(hosts)) {
            Session session = new Session(client, out, err, terminal);
            ExitCode exit = ExitCode.SUCCESS;
            for (HostAddress host : hosts) {
                if (hosts.size() > 1) {
                    out.println("# " + host);
                }
                try {
                    action.runOn(session, host);
                } catch (CommandFailure failure) {
                    err.println("lampctl: " + failure.getMessage());
                    exit = exit.worst(failure.exitCode());
                }
            }
            return exit.status();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private PostPool pool(List<HostAddress> hosts, int parallel) throws UsageException {
        return new PostPool(credentials.credentials(hosts, env), patience.timeout(), patience.patience(),
                Math.min(parallel, hosts.size()), out, err);
    }

    private PostClient client(List<HostAddress> hosts) throws UsageException {
        return new PostClient(credentials.credentials(hosts, env), patience.timeout(), patience.patience());
    }

    PrintStream out() {
        return out;
    }

    Map<String, String> env() {
        return env;
    }

    /** @return the name of the command that runs */
    private String command() {
        return spec.commandLine().getParseResult().subcommand().commandSpec().name();
    }
}
