package org.lampyris.lampctl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --host} and {@code --hosts}: the posts a command runs on, in the order given (the first is a rollout's
 * canary). Like every option of lampctl's own, they may stand before or after the command.
 */
final class PostOptions {
    private final List<HostAddress> hosts = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST[:PORT]", scope = ScopeType.INHERIT, order = 1,
            description = "a post, over DTLS (coaps://, port 5684); coap://HOST[:PORT] for plain CoAP (port "
                    + "5683, reads only). Repeatable.")
    void host(String spec) throws UsageException {
        hosts.add(HostAddress.parse(spec));
    }

    @Option(names = "--hosts", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 2,
            description = "posts, one HOST[:PORT] per line, # comments; the first is a rollout's canary")
    void hostsFile(Path file) throws UsageException {
        hosts.addAll(HostAddress.readFile(file));
    }

    /**
     * @param command the command, as the engineer named it
     * @param changes whether the command changes the post: plain CoAP is read-only, so then only over DTLS
     * @return the posts
     * @throws UsageException when no post is named, or a change would go over plain CoAP
     */
    List<HostAddress> hosts(String command, boolean changes) throws UsageException {
        if (hosts.isEmpty()) {
            throw new UsageException("no post: give --host HOST[:PORT] or --hosts FILE");
        }
        if (changes) {
            for (HostAddress h : hosts) {
                if (!h.secure()) {
                    throw new UsageException(command + " changes the post, and plain CoAP is read-only: use "
                            + h.host() + " (coaps://) instead of " + h);
                }
            }
        }
        return List.copyOf(hosts);
    }
}
