package org.lampyris.lampctl;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import picocli.CommandLine;

/**
 * lampctl's entry point: parses the command line ({@link Lampctl}), runs the command on each post, prints errors as
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

    /** Runs a command line to the end and says how it went; without arguments, prints the help. */
    public ExitCode run(String... args) {
        UsageErrors usageErrors = new UsageErrors(err);
        CommandLine commandLine = new CommandLine(new Lampctl(out, err, env, terminal))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(usageErrors)
                .setExecutionExceptionHandler(usageErrors)
                .setSubcommandsCaseInsensitive(true)
                // Given twice, an option's last value counts (--host and --hosts add up).
                .setOverwrittenOptionsAllowed(true)
                // An argument that starts with @ is a value, not a file of arguments.
                .setExpandAtFiles(false)
                .setUsageHelpWidth(100);
        // A command's help as the main help: [OPTIONS] in the synopsis, its own options first.
        commandLine.getSubcommands().values().forEach(command -> command.getCommandSpec().usageMessage()
                .abbreviateSynopsis(true).sortOptions(false));
        if (args.length == 0) {
            commandLine.usage(out);
            return ExitCode.SUCCESS;
        }
        return ExitCode.of(commandLine.execute(args));
    }
}
