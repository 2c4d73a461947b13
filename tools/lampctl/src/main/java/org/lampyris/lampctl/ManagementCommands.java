package org.lampyris.lampctl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;

/** config, health and log: /mgmt/config, /mgmt/health and /mgmt/log of one post. */
final class ManagementCommands {
    private final Session session;

    ManagementCommands(Session session) {
        this.session = session;
    }

    /**
     * GET /mgmt/config/PID, or PUT it with the JSON object of --set (checked when the command line was parsed; null
     * to read) and print what the post answers.
     */
    void config(HostAddress host, String pid, String set) throws CommandFailure {
        if (set == null) {
            session.print(session.call(host, Session.request(Code.GET, "/mgmt/config/" + pid, null)));
            return;
        }
        Request request = Session.request(Code.PUT, "/mgmt/config/" + pid, null);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        request.setPayload(set.getBytes(StandardCharsets.UTF_8));
        session.print(session.call(host, request));
    }

    /** GET /mgmt/health. */
    void health(HostAddress host) throws CommandFailure {
        Request request = Session.request(Code.GET, "/mgmt/health", null);
        session.print(session.call(host, request));
    }

    /** GET /mgmt/log, its last --lines lines (asked of the post with {@code ?lines=N}, and cut here too), or all (0). */
    void log(HostAddress host, int lines) throws CommandFailure {
        Request request = Session.request(Code.GET, "/mgmt/log", lines > 0 ? "lines=" + lines : null);
        Answer answer = session.call(host, request);
        if (lines <= 0) {
            session.print(answer);
            return;
        }
        String[] all = answer.text().split("\n", -1);
        int end = all.length > 0 && all[all.length - 1].isEmpty() ? all.length - 1 : all.length;
        String[] last = Arrays.copyOfRange(all, Math.max(0, end - lines), end);
        for (String line : last) {
            session.out().println(line);
        }
        session.out().flush();
    }
}
