/**
 * What the platform reports about the plugins it runs and its own limits: plugins quarantined for failing again and
 * again, the figures of the DTLS connection store, and the links the post keeps to the systems beside and above it
 * ({@link org.lampyris.api.health.OutboundLink}, since 1.2).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.lampyris.api.health;
