package org.lampyris.lampctl;

import java.time.Duration;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --timeout} and {@code --wait}: how long a post may stay silent before it counts as unreachable, and how long
 * to wait for one that acknowledged a request and is applying it (a separate response to come), such as an update
 * that answers after its health window.
 */
final class PatienceOptions {
    @Option(names = "--timeout", paramLabel = "S", converter = Arguments.Seconds.class, scope = ScopeType.INHERIT,
            order = 7, description = "a post silent this long is unreachable (default 10)")
    private Duration timeout = Duration.ofSeconds(10);

    @Option(names = "--wait", paramLabel = "S", converter = Arguments.Seconds.class, scope = ScopeType.INHERIT,
            order = 8, description = "how long to wait for a post that acknowledged a request and is applying it, such as "
                    + "an update during its health window (default 300)")
    private Duration patience = Duration.ofSeconds(300);

    Duration timeout() {
        return timeout;
    }

    Duration patience() {
        return patience;
    }
}
