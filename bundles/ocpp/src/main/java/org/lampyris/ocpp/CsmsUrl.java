package org.lampyris.ocpp;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The CSMS a charge point connects to, {@code ws(s)://host:port/path/CHARGEPOINT-ID} (OCPP-J 1.6, 3.1.1): the last
 * path segment is the charge point's identity.
 *
 * @param uri the URL as configured
 * @param identity the charge point identity
 */
record CsmsUrl(URI uri, String identity) {

    /**
     * @param text the URL
     * @param development whether the post is a development post, where ws:// (security profile 1: a password in
     *            clear over the network) is allowed for tests
     * @throws IllegalArgumentException saying what is wrong
     */
    static CsmsUrl parse(String text, boolean development) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("csms.url '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("csms.url '" + text + "' must be wss://host:port/path/CHARGEPOINT-ID");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String identity = path.substring(path.lastIndexOf('/') + 1);
        if (identity.isEmpty() || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("csms.url '" + text
                    + "' must end in the charge point identity: wss://host:port/path/CHARGEPOINT-ID");
        }
        if (identity.length() > 48) {
            throw new IllegalArgumentException("the charge point identity in csms.url is " + identity.length()
                    + " characters long; OCPP allows 48 at most");
        }
        if ("ws".equals(scheme) && !development) {
            throw new IllegalArgumentException("csms.url '" + text + "' is ws:// (OCPP security profile 1: the "
                    + "password would cross the street in clear), refused on a street post; use wss://");
        }
        return new CsmsUrl(uri, identity);
    }
}
