package org.lampyris.tests.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * Every process the benchmark started, so that none is left behind: each is stopped where it is used, and whatever
 * is still alive is stopped at the end, or when the benchmark itself is stopped (Ctrl-C).
 */
final class ChildProcesses {
    private final List<Process> started = new ArrayList<>();

    synchronized void add(Process process) {
        started.add(process);
    }

    /** @return the ids of every process started so far */
    synchronized List<Long> pids() {
        return started.stream().map(Process::pid).toList();
    }

    /** Stops every process still alive: SIGTERM, then a kill after 15 s. */
    void stopAll() {
        List<Process> all;
        synchronized (this) {
            all = new ArrayList<>(started);
        }
        for (Process p : all) {
            try {
                ServerProcess.stop(p);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
