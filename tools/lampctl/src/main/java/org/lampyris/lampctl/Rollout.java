package org.lampyris.lampctl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.lampyris.lampctl.RolloutState.Entry;
import org.lampyris.lampctl.RolloutState.Outcome;

/**
 * A rollout of one bundle JAR over a street or a city, in waves ({@link WavePlan}): the first post alone (the
 * canary), then growing waves, the posts of a wave in parallel. Each update is a transaction that the post commits
 * only after its health window. After each wave the failures are weighed against the budget
 * ({@link FailureBudget}); a failed canary, or more failures than the budget allows, stops the rollout before the next
 * wave, and no new post of the current wave is begun either. Every outcome is written to the state file
 * ({@link RolloutState}) as it comes, so that the same command run again continues where it stopped: a post that took
 * the bundle is never sent it again, and one that failed is left alone unless {@code --retry-failed}. In the end a
 * table shows which post runs which version of the bundle, as each post reports it. The table goes to standard
 * output; progress and errors to standard error.
 */
final class Rollout {
    private final PostPool pool;
    private final Session session;

    /** What the engineer asked for besides the JAR and the posts. */
    record Options(WavePlan waves, FailureBudget budget, boolean rollback, boolean retryFailed) {
    }

    Rollout(PostPool pool, Session session) {
        this.pool = pool;
        this.session = session;
    }

    /** Prints the waves, marking the posts an earlier run already dealt with; sends nothing. */
    ExitCode plan(List<HostAddress> hosts, BundleJar jar, Options options, RolloutState state) {
        List<List<HostAddress>> waves = options.waves().cut(hosts);
        session.out().println("rollout of " + jar.symbolicName() + " " + jar.version() + " to " + hosts.size()
                + " post" + plural(hosts.size()) + " in " + waves.size() + " wave" + plural(waves.size()) + " ("
                + options.waves().text() + "), stopping when more than " + options.budget().text()
                + " fail; state " + state.file());
        for (int w = 0; w < waves.size(); w++) {
            List<HostAddress> wave = waves.get(w);
            session.out().println("wave " + (w + 1) + (w == 0 ? " (canary)" : "") + ": " + wave.size() + " post"
                    + plural(wave.size()));
            for (HostAddress host : wave) {
                Entry done = state.entry(host);
                session.out().println("  " + host + (done == null ? "" : "  (earlier run: " + describe(done) + ")"));
            }
        }
        return ExitCode.SUCCESS;
    }

    /**
     * @return success when every post runs the bundle; otherwise the most serious failure
     */
    ExitCode run(List<HostAddress> hosts, BundleJar jar, Options options, RolloutState state) {
        List<List<HostAddress>> waves = options.waves().cut(hosts);
        session.err().println("rollout of " + jar.symbolicName() + " " + jar.version() + " to " + hosts.size()
                + " post" + plural(hosts.size()) + ", canary " + hosts.get(0) + ", " + waves.size() + " wave"
                + plural(waves.size()) + " (" + sizes(waves) + "); state " + state.file());
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<HostAddress> stoppedAt = new AtomicReference<>();
        AtomicReference<ExitCode> exit = new AtomicReference<>(ExitCode.SUCCESS);
        for (int w = 0; w < waves.size() && stoppedAt.get() == null; w++) {
            List<HostAddress> wave = waves.get(w);
            List<HostAddress> todo = new ArrayList<>();
            for (HostAddress host : wave) {
                Entry earlier = state.entry(host);
                if (earlier == null || earlier.outcome() == Outcome.UPDATING
                        || (earlier.failed() && options.retryFailed())) {
                    todo.add(host);
                } else {
                    finished.incrementAndGet();
                    session.err().println(host + ": " + describe(earlier) + " in an earlier run; left alone");
                }
            }
            state.progress("running", w + 1, waves.size(), hosts.size());
            if (todo.isEmpty()) {
                continue;
            }
            boolean canary = w == 0;
            session.err().println("wave " + (w + 1) + " of " + waves.size() + (canary ? " (canary)" : "") + ": "
                    + todo.size() + " post" + plural(todo.size()));
            int total = hosts.size();
            String where = "wave " + (w + 1) + " of " + waves.size();
            pool.each(todo, () -> stoppedAt.get() != null, (s, host) -> {
                Outcome outcome = update(s, new BundleCommands(s), host, jar, options.rollback(), state);
                int failed = outcome == Outcome.UPDATED ? failures.get() : failures.incrementAndGet();
                if (outcome != Outcome.UPDATED) {
                    exit.accumulateAndGet(outcome == Outcome.UNREACHABLE ? ExitCode.UNREACHABLE : ExitCode.REFUSED,
                            ExitCode::worst);
                    if (canary || options.budget().exceededBy(failed, total)) {
                        stoppedAt.compareAndSet(null, host);
                    }
                }
                session.err().println("progress: " + finished.incrementAndGet() + "/" + total + " posts done, "
                        + failed + " failed (" + where + ")");
                return outcome;
            });
        }
        HostAddress stop = stoppedAt.get();
        int untouched = (int) hosts.stream().filter(h -> state.entry(h) == null).count();
        if (stop != null) {
            session.err().println("rollout stopped at " + stop + (stop.equals(hosts.get(0)) ? " (the canary)" : "")
                    + (untouched == 0 ? "" : "; " + untouched + " post" + plural(untouched) + " not attempted")
                    + (failures.get() > 0 && !stop.equals(hosts.get(0)) ? " (" + failures.get() + " failed, budget "
                            + options.budget().text() + ")" : ""));
        }
        state.progress(stop == null ? "finished" : "stopped", waves.size(), waves.size(), hosts.size());
        for (HostAddress host : hosts) {
            Entry e = state.entry(host);
            if (e != null && e.failed()) {
                exit.accumulateAndGet(e.outcome() == Outcome.UNREACHABLE ? ExitCode.UNREACHABLE : ExitCode.REFUSED,
                        ExitCode::worst);
            }
        }
        table(hosts, jar, state);
        return exit.get();
    }

    /** Sends the bundle to one post, with its outcome recorded before and after. */
    private Outcome update(Session s, BundleCommands bundles, HostAddress host, BundleJar jar, boolean rollback,
            RolloutState state) {
        Entry earlier = state.entry(host);
        if (earlier != null && earlier.outcome() == Outcome.UPDATING
                && jar.version().equals(bundles.versionOn(host, jar.symbolicName()))) {
            // lampctl stopped while this post applied it, and the post committed: not sent twice.
            state.record(host, Outcome.UPDATED, "committed while lampctl was away");
            s.err().println(host + ": runs " + jar.version() + " already (the earlier run's update was committed)");
            return Outcome.UPDATED;
        }
        state.record(host, Outcome.UPDATING, "");
        s.err().println(host + ": updating");
        try {
            s.err().println(bundles.update(host, jar, rollback));
            state.record(host, Outcome.UPDATED, "");
            return Outcome.UPDATED;
        } catch (CommandFailure failure) {
            s.err().println("lampctl: " + failure.getMessage());
            Answer answer = failure.answer();
            if (answer == null) {
                state.record(host, Outcome.UNREACHABLE, "");
                return Outcome.UNREACHABLE;
            }
            state.record(host, Outcome.REFUSED, Answer.codeText(answer.code()));
            return Outcome.REFUSED;
        }
    }

    private void table(List<HostAddress> hosts, BundleJar jar, RolloutState state) {
        List<String> versions = pool.each(hosts, () -> false,
                (s, host) -> new BundleCommands(s).versionOn(host, jar.symbolicName()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "host", jar.symbolicName(), "rollout" });
        for (int i = 0; i < hosts.size(); i++) {
            Entry e = state.entry(hosts.get(i));
            rows.add(new String[] { hosts.get(i).toString(), versions.get(i), e == null ? "not attempted"
                    : describe(e) });
        }
        Table.print(session.out(), rows);
    }

    private static String describe(Entry e) {
        return switch (e.outcome()) {
            case UPDATED -> "updated";
            case UPDATING -> "update sent, no answer recorded";
            case REFUSED -> "refused, " + e.detail();
            case UNREACHABLE -> "unreachable";
        };
    }

    private static String sizes(List<List<HostAddress>> waves) {
        return String.join(", ", waves.stream().map(w -> Integer.toString(w.size())).toList());
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
