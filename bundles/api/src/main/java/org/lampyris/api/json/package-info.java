/**
 * A small, strict JSON codec (RFC 8259), plain JDK, for plugins and the platform alike: {@link
 * org.lampyris.api.json.Json#parse} and {@link org.lampyris.api.json.Json#write}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.api.json;
