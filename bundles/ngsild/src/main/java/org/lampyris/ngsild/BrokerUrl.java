package org.lampyris.ngsild;

import java.net.URI;
import java.net.URISyntaxException;

/** The broker's base URL, checked: {@code https://host[:port][/path]}, {@code http://} only on a development post. */
final class BrokerUrl {
    private BrokerUrl() {
    }

    /**
     * @return the URL of the batch upsert under the base URL
     * @throws IllegalArgumentException saying what is wrong with the URL
     */
    static URI upsert(String base, boolean development) {
        URI uri;
        try {
            uri = new URI(base.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker.url '" + base + "' is not a URL: " + e.getReason());
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("broker.url '" + base + "' must be https://host[:port][/path]");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("broker.url must carry no credentials; set bearer.token or "
                    + "basic.auth.user and basic.auth.password");
        }
        if ("http".equals(uri.getScheme()) && !development) {
            throw new IllegalArgumentException("broker.url '" + base + "' is http://: entities and credentials would "
                    + "cross the network in clear; https:// on a street post (http:// only with --dev)");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("broker.url '" + base + "' must have no query nor fragment");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path
                + "/ngsi-ld/v1/entityOperations/upsert");
    }
}
