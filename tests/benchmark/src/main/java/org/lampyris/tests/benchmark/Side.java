package org.lampyris.tests.benchmark;

/** The two servers compared: the full platform and a bare Californium server with an equivalent resource. */
enum Side {
    /** The distribution's {@code bin/lampyris}: Felix, every base bundle, the simulated lamp post. */
    PLATFORM("platform"),
    /** {@link BareServer}: Californium and one resource, with the same settings and JVM flags. */
    BARE("bare");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
