package org.lampyris.lampctl;

import java.io.PrintStream;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line lampctl cannot run, told in one line on standard error that names the problem, e.g.
 * {@code lampctl: --timeout 0: expected seconds, more than 0}, with exit status 2 ({@link ExitCode#USAGE}): picocli's
 * parse errors, a value a reader of {@link Arguments} refused, and a {@link UsageException} from a command.
 */
final class UsageErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final PrintStream err;

    UsageErrors(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        return report(message(ex));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult)
            throws Exception {
        if (ex instanceof UsageException usage) {
            return report(usage.getMessage());
        }
        throw ex;
    }

    private int report(String message) {
        err.println("lampctl: " + message);
        err.flush();
        return ExitCode.USAGE.status();
    }

    /** @return what is wrong, in the words of lampctl's own messages */
    static String message(ParameterException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UsageException usage) {
                return usage.getMessage(); // from an option's setter, e.g. a host that cannot be understood
            }
        }
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandName();
        boolean top = command.getParent() == null;
        ArgSpec argument = ex.getArgSpec();
        if (ex.getCause() instanceof TypeConversionException refused) {
            return argument instanceof OptionSpec option ? option.longestName() + " " + ex.getValue() + ": "
                    + refused.getMessage() : name + ": " + refused.getMessage();
        }
        if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec first = missing.getMissing().get(0);
            return first instanceof OptionSpec option ? option.longestName() + " needs a value"
                    : name + ": missing " + first.paramLabel() + " (see lampctl " + name + " --help)";
        }
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String given = unmatched.getUnmatched().get(0);
            if (given.startsWith("-") && given.length() > 1) {
                String option = given.contains("=") ? given.substring(0, given.indexOf('=')) : given;
                List<String> owners = commandsTaking(command, option);
                if (owners.isEmpty()) {
                    return "unknown option " + option + " (see lampctl --help)";
                }
                return top ? option + " belongs after its command (" + String.join(", ", owners) + ")"
                        : option + " does not apply to " + name;
            }
            return top ? "unknown command " + given + " (see lampctl --help)"
                    : name + ": unexpected argument " + given + " (see lampctl " + name + " --help)";
        }
        return ex.getMessage();
    }

    /** @return the commands that have an option of this name */
    private static List<String> commandsTaking(CommandLine any, String option) {
        CommandLine root = any;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getSubcommands().values().stream()
                .filter(c -> c.getCommandSpec().findOption(option) != null).map(CommandLine::getCommandName)
                .sorted().toList();
    }
}
