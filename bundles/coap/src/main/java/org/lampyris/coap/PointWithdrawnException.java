package org.lampyris.coap;

/** A request reached a point after its plugin went: the client gets a 5.03, as for a plugin that cannot answer. */
final class PointWithdrawnException extends Exception {
    private static final long serialVersionUID = 1L;

    PointWithdrawnException(String path) {
        super("the plugin behind " + path + " is gone");
    }
}
