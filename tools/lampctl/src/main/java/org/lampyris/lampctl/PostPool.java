package org.lampyris.lampctl;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Talks to many posts at once, at most {@code parallel} at a time. Each worker has a {@link PostClient} of its own
 * (its own endpoints and DTLS sessions, kept between posts and between rounds), because a client follows one request
 * at a time; so a hundred posts cost {@code parallel} sockets, not a hundred. Every request keeps the client's
 * timeout, so one silent post holds one worker for the timeout and never the whole round.
 */
final class PostPool implements AutoCloseable {
    private final BlockingQueue<PostClient> clients;
    private final List<PostClient> all = new ArrayList<>();
    private final ExecutorService workers;
    private final PrintStream out;
    private final PrintStream err;

    /** One post's work with the session of the worker that runs it. */
    @FunctionalInterface
    interface Work<T> {
        T on(Session session, HostAddress host);
    }

    PostPool(Credentials credentials, Duration timeout, Duration patience, int parallel, PrintStream out,
            PrintStream err) {
        this.out = out;
        this.err = err;
        clients = new ArrayBlockingQueue<>(parallel);
        for (int i = 0; i < parallel; i++) {
            PostClient client = new PostClient(credentials, timeout, patience);
            all.add(client);
            clients.add(client);
        }
        workers = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "lampctl-post");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs work on each post, at most {@code parallel} at a time, and waits for all of it.
     *
     * @param stop asked before each post starts: true leaves that post out (its result is null)
     * @return the results in the order of the posts
     */
    <T> List<T> each(List<HostAddress> hosts, BooleanSupplier stop, Work<T> work) {
        List<Future<T>> futures = new ArrayList<>();
        for (HostAddress host : hosts) {
            futures.add(workers.submit(() -> {
                if (stop.getAsBoolean()) {
                    return null;
                }
                PostClient client = clients.take();
                try {
                    // Progress lines of parallel uploads would overwrite each other on a terminal: plain lines.
                    return work.on(new Session(client, out, err, false), host);
                } finally {
                    clients.add(client);
                }
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(null);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
        return results;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        all.forEach(PostClient::close);
    }
}
