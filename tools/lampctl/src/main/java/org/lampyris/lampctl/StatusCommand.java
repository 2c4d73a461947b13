package org.lampyris.lampctl;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code lampctl status}: a street at a glance. Asks every post at once, at most {@code --parallel} at a time, and
 * prints one row per post in the order of the hosts file. A post that does not answer costs one worker the timeout, so
 * a hundred posts take seconds however many are down.
 */
final class StatusCommand {
    private final PostPool pool;
    private final Session session;

    StatusCommand(PostPool pool, Session session) {
        this.pool = pool;
        this.session = session;
    }

    /** @return unreachable when a post did not answer, refused when one is degraded or refused a question */
    ExitCode run(List<HostAddress> hosts) {
        long start = System.nanoTime();
        List<PostStatus> all = pool.each(hosts, () -> false, PostStatus::of);
        List<String[]> rows = new ArrayList<>();
        rows.add(PostStatus.HEADER);
        ExitCode exit = ExitCode.SUCCESS;
        int down = 0;
        int degraded = 0;
        for (PostStatus s : all) {
            rows.add(s.row());
            if (!s.reachable()) {
                down++;
                exit = exit.worst(ExitCode.UNREACHABLE);
            } else if (!"ok".equals(s.health()) || s.lastError() != null) {
                degraded++;
                exit = exit.worst(ExitCode.REFUSED);
            }
        }
        Table.print(session.out(), rows);
        session.err().printf("%d post%s in %.1f s: %d unreachable, %d degraded or refusing%n", hosts.size(),
                hosts.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9, down, degraded);
        return exit;
    }
}
