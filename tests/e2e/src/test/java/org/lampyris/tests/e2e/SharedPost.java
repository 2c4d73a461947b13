package org.lampyris.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One lamp post for the test classes that need a running post but not a fresh one: they read it, write its points
 * and send it bad input, and leave it as a client would. It is started by the first class that asks for it and
 * stopped (SIGTERM) when the test run ends, so the run starts one post for all of them instead of one each.
 * <p>
 * A class asks for it with {@code @ExtendWith(SharedPost.class)} and a {@link LampPost} parameter of its
 * {@code @BeforeAll} method, and never closes it. A class that reconfigures, restarts, kills or updates its post,
 * starts it with options, or measures it (its whole log, its memory) starts a post of its own.
 */
final class SharedPost implements ParameterResolver {
    /** The shared post's id, which the SenML base names it serves carry. */
    static final String POST_ID = "e2e-post";
    private static final Namespace NAMESPACE = Namespace.create(SharedPost.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LampPost.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the root context lives as long as the run, and closes what its store holds when the run ends
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class).post();
    }

    /** The shared post and its data directory, removed with it. */
    private record Running(LampPost post, Path dataDir) implements ExtensionContext.Store.CloseableResource {

        static Running start() {
            try {
                Path dataDir = Files.createTempDirectory("lampyris-shared-post");
                return new Running(LampPost.start(POST_ID, dataDir), dataDir);
            } catch (Exception e) {
                throw new IllegalStateException("the shared post did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            post.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> {
                    try {
                        Files.delete(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
