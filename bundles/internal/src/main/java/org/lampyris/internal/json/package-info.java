/**
 * A small, strict JSON codec (RFC 8259), plain JDK, for the platform's own bundles: {@link
 * org.lampyris.internal.json.Json#parse} and {@link org.lampyris.internal.json.Json#write}. Not vendor API: plugins
 * return values and the CoAP bundle encodes them.
 */
package org.lampyris.internal.json;
