package org.lampyris.lampctl;

/**
 * A request that did not succeed: the post refused it (exit 1) or could not be reached (exit 3). The message names
 * the post, the request and the CoAP answer with its diagnostic payload, for example
 * {@code 127.0.0.1:5684: PUT /mgmt/bundles/org.lampyris.dimming: 4.00 Bad Request: not signed}.
 */
final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;
    private final transient Answer answer;

    private CommandFailure(ExitCode exitCode, String message, Answer answer) {
        super(message);
        this.exitCode = exitCode;
        this.answer = answer;
    }

    /** The post answered with an error code. */
    static CommandFailure refused(HostAddress host, String request, Answer answer) {
        return new CommandFailure(ExitCode.REFUSED, host + ": " + request + ": " + answer.describe(), answer);
    }

    /** The post answered, and what it said is bad news: its health is degraded, say. */
    static CommandFailure reported(HostAddress host, String request, String what) {
        return new CommandFailure(ExitCode.REFUSED, host + ": " + request + ": " + what, null);
    }

    /** The post did not answer, or no secure session could be made with it. */
    static CommandFailure unreachable(HostAddress host, String request, String why) {
        return new CommandFailure(ExitCode.UNREACHABLE, host + ": " + request + ": " + why, null);
    }

    ExitCode exitCode() {
        return exitCode;
    }

    /** @return the post's answer, or null when it gave none */
    Answer answer() {
        return answer;
    }
}
