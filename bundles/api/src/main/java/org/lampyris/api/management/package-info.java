/**
 * Remote management as the platform publishes it: services registered as {@link
 * org.lampyris.api.management.ManagementResource} answer the requests under {@code /mgmt} of the post. The CoAP
 * endpoint checks the caller's role (only the engineer reaches {@code /mgmt}), reassembles block-wise uploads and hands
 * each request over on a thread of its own, so that a resource may take seconds (a bundle update with its health
 * window) without holding the CoAP stack. Resources never see Californium.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lampyris.api.management;
