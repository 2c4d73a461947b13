package org.lampyris.lampctl;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lampctl identity list|add|rotate|revoke}: the post's DTLS identities, and the engineer's remote provisioning
 * of pre-shared keys ({@link SecurityCommands}).
 */
@Command(name = "identity", description = "the post's DTLS identities: list, add, rotate, revoke "
        + "(/mgmt/security/identities)", synopsisSubcommandLabel = "list|add|rotate|revoke")
final class IdentityCommand implements Callable<Integer> {
    @ParentCommand
    private Lampctl lampctl;

    /** Where a secret comes from: a file, standard input, or made by lampctl. */
    static final class SecretOption {
        @Option(names = "--secret-file", paramLabel = "FILE", description = "read the secret from the first line of "
                + "FILE, or of standard input for -; default: lampctl makes one (128 random bits) and prints it once")
        Path file;

        Secret secret() throws UsageException {
            return file == null ? null : Secret.read(file, System.in);
        }
    }

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("identity needs a command: list, add, rotate or revoke (see lampctl identity --help)");
    }

    @Command(name = "list", description = "GET /mgmt/security/identities: identity, kind, role, source, whether it "
            + "can change here")
    int list() throws UsageException {
        return lampctl.onEachPost(false, (session, host) -> new SecurityCommands(session).list(host));
    }

    @Command(name = "add", description = "POST /mgmt/security/identities: a new pre-shared key identity")
    int add(@Parameters(paramLabel = "IDENTITY", description = "e.g. anna") String identity,
            @Option(names = "--role", required = true, paramLabel = "ROLE",
                    description = "reader, operator or engineer") String role,
            @ArgGroup(exclusive = true) SecretOption secret) throws UsageException {
        Secret given = secret == null ? null : secret.secret();
        return lampctl.onEachPost(true, (session, host) -> new SecurityCommands(session).add(host, identity, role,
                given));
    }

    @Command(name = "rotate", description = "PUT /mgmt/security/identities/IDENTITY: a new secret (its open sessions "
            + "end at once), and/or a new role")
    int rotate(@Parameters(paramLabel = "IDENTITY", description = "e.g. anna") String identity,
            @Option(names = "--role", paramLabel = "ROLE", description = "a new role: reader, operator or engineer")
            String role,
            @Option(names = "--keep-secret", description = "change the role only") boolean keepSecret,
            @ArgGroup(exclusive = true) SecretOption secret) throws UsageException {
        if (keepSecret && (role == null || secret != null)) {
            throw new UsageException("--keep-secret goes with --role and without --secret-file");
        }
        Secret given = secret == null ? null : secret.secret();
        return lampctl.onEachPost(true, (session, host) -> new SecurityCommands(session).rotate(host, identity, role,
                given, keepSecret));
    }

    @Command(name = "revoke", description = "DELETE /mgmt/security/identities/IDENTITY: its key stops working and its "
            + "open sessions end at once")
    int revoke(@Parameters(paramLabel = "IDENTITY", description = "e.g. anna") String identity)
            throws UsageException {
        return lampctl.onEachPost(true, (session, host) -> new SecurityCommands(session).revoke(host, identity));
    }
}
