package org.lampyris.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

class BundleCacheTest {
    @TempDir
    Path cache;

    /** A bundle that only knows its id, which is all the cache asks of it. */
    private static Bundle bundle(long id) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getBundleId")) {
                        return id;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void forcingAnArchiveLeavesItAsFelixWroteIt() throws Exception {
        Path archive = Files.createDirectories(cache.resolve("bundle7"));
        Files.writeString(archive.resolve("bundle.info"), "7\nlampyris:base:org.lampyris.dimming\n32\n2\n");
        Files.createDirectories(archive.resolve("version0.1"));
        Files.writeString(archive.resolve("version0.1/bundle.jar"), "PK");
        Files.createDirectories(archive.resolve("data"));
        Files.writeString(archive.resolve("data/sessions.txt"), "the bundle's own");

        new BundleCache(cache).force(bundle(7));

        assertThat(archive.resolve("bundle.info")).hasContent("7\nlampyris:base:org.lampyris.dimming\n32\n2\n");
        assertThat(archive.resolve("version0.1/bundle.jar")).hasContent("PK");
        assertThat(archive.resolve("data/sessions.txt")).hasContent("the bundle's own");
    }

    @Test
    void aBundleWhoseArchiveIsGoneOrACacheThatIsNotThereIsNoError() {
        assertThatCode(() -> new BundleCache(cache).force(bundle(12))).doesNotThrowAnyException();
        assertThatCode(() -> new BundleCache(cache.resolve("none")).force(bundle(12))).doesNotThrowAnyException();
        assertThatCode(() -> new BundleCache(null).force(bundle(12))).doesNotThrowAnyException();
    }
}
