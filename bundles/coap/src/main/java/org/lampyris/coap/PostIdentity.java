package org.lampyris.coap;

/**
 * Who this post is, as SenML names it.
 *
 * @param postId the post id from configuration
 */
record PostIdentity(String postId) {

    /** @return the SenML base name of every pack this post sends: {@code urn:dev:lampyris:{post-id}:} */
    String baseName() {
        return "urn:dev:lampyris:" + postId + ":";
    }

    /** @return the SenML name of the point at a path: the path without its leading slash */
    static String senmlName(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
