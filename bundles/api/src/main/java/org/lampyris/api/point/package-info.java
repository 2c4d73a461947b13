/**
 * The resource whiteboard. A plugin registers each {@link org.lampyris.api.point.Point} as an OSGi service carrying a {@link org.lampyris.api.point.PointPath}; the platform publishes it to the network (as a CoAP resource) for as long as the service is registered, and removes it the moment the service goes away.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package org.lampyris.api.point;
