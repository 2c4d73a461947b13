/**
 * The Lampyris platform API that vendor plugins build against. It never exposes a network stack: plugins publish {@linkplain org.lampyris.api.point.Point points} and provide capability services; the platform does the rest.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lampyris.api;
