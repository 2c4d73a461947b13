package org.lampyris.tests.benchmark;

/** How the load generator reaches a server: its plain CoAP port, or its DTLS port with a pre-shared key. */
enum Transport {
    /** Plain CoAP over UDP ({@link UdpTransport}). */
    PLAIN("plain CoAP", "", ""),
    /** CoAP over DTLS 1.2 with a reader's pre-shared key ({@link DtlsTransport}). */
    DTLS("DTLS", "dtls.", " over DTLS");

    private final String label;
    private final String prefix;
    private final String suffix;

    Transport(String label, String prefix, String suffix) {
        this.label = label;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    String label() {
        return label;
    }

    /** @return what the ids of its figures start with; nothing for plain CoAP, whose ids predate DTLS */
    String prefix() {
        return prefix;
    }

    /** @return what the labels of its figures say after the figure's name */
    String suffix() {
        return suffix;
    }
}
