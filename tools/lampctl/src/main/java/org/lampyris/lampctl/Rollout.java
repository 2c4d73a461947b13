package org.lampyris.lampctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A canary rollout of one bundle JAR over several posts: the first post (the canary), then the others one by one,
 * each an update transaction that the post commits only after its health window. It stops at the first post that
 * refuses the bundle or cannot be reached, leaving the rest untouched, and then prints which post runs which version
 * of the bundle, as each post reports it. The table goes to standard output; progress and errors to standard error.
 */
final class Rollout {
    private final Session session;
    private final BundleCommands bundles;

    Rollout(Session session) {
        this.session = session;
        this.bundles = new BundleCommands(session);
    }

    /**
     * @return success when every post took the bundle; otherwise the failure of the post it stopped at
     */
    ExitCode run(List<HostAddress> hosts, BundleJar jar, boolean rollback) {
        session.err().println("rollout of " + jar.symbolicName() + " " + jar.version() + " to " + hosts.size()
                + " post" + (hosts.size() == 1 ? "" : "s") + ", canary " + hosts.get(0));
        Map<HostAddress, String> results = new LinkedHashMap<>();
        hosts.forEach(h -> results.put(h, "not attempted"));
        ExitCode exit = ExitCode.SUCCESS;
        for (int i = 0; i < hosts.size(); i++) {
            HostAddress host = hosts.get(i);
            String role = i == 0 ? "canary" : "post " + (i + 1) + " of " + hosts.size();
            session.err().println(host + ": updating (" + role + ")");
            try {
                session.err().println(bundles.update(host, jar, rollback));
                results.put(host, "updated");
            } catch (CommandFailure failure) {
                session.err().println("lampctl: " + failure.getMessage());
                Answer answer = failure.answer();
                results.put(host, answer == null ? "unreachable" : "refused, " + Answer.codeText(answer.code()));
                exit = failure.exitCode();
                int untouched = hosts.size() - i - 1;
                session.err().println("rollout stopped at " + host + (i == 0 ? " (the canary)" : "")
                        + (untouched == 0 ? "" : "; " + untouched + " post" + (untouched == 1 ? "" : "s")
                                + " not attempted"));
                break;
            }
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "host", jar.symbolicName(), "rollout" });
        for (HostAddress host : hosts) {
            rows.add(new String[] { host.toString(), bundles.versionOn(host, jar.symbolicName()),
                    results.get(host) });
        }
        Table.print(session.out(), rows);
        return exit;
    }
}
