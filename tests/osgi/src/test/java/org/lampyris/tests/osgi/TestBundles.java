package org.lampyris.tests.osgi;

import java.io.ByteArrayInputStream;
import java.util.stream.Stream;

import org.lampyris.testkit.TestJar;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** One-class plugin bundles built at run time from a class of the test bundle, with the test kit's {@link TestJar}. */
final class TestBundles {
    private TestBundles() {
    }

    /**
     * A bundle holding one class of the test bundle.
     *
     * @param moreImports packages to import besides the framework and the point API
     */
    static TestJar holding(String symbolicName, String version, Class<?> type, String... moreImports) {
        return TestJar.bundle(symbolicName, version).header("Import-Package", String.join(",", Stream.concat(
                Stream.of("org.osgi.framework", "org.lampyris.api", "org.lampyris.api.point"), Stream.of(moreImports))
                .toList())).classOf(type);
    }

    /** A bundle holding one class of the test bundle, which is its activator. */
    static TestJar activatedBy(String symbolicName, String version, Class<?> plugin, String... moreImports) {
        return holding(symbolicName, version, plugin, moreImports).header("Bundle-Activator", plugin.getName());
    }

    /**
     * Packs the class into a bundle of its own named {@code prefix + simple name}, as its activator, installs and
     * starts it.
     *
     * @param moreImports packages to import besides the framework and the point API
     */
    static Bundle install(BundleContext context, String prefix, Class<?> plugin, String... moreImports)
            throws Exception {
        String name = prefix + plugin.getSimpleName().toLowerCase();
        byte[] jar = activatedBy(name, "1.0.0", plugin, moreImports).bytes();
        Bundle bundle = context.installBundle("test:" + name, new ByteArrayInputStream(jar));
        bundle.start();
        return bundle;
    }
}
