/**
 * The plugin conformance suite: the rules every Lampyris plugin bundle keeps, checked inside a running framework with
 * the platform and the simulated hardware. A vendor runs it from an OSGi test of its own:
 *
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicTest&gt; conformance(&#64;InjectBundleContext BundleContext context) {
 *     return ConformanceSuite.forBundle(context, "com.acme.lighting").vendorPrefix("/vendor/acme/").tests();
 * }
 * </pre>
 *
 * Each {@link org.lampyris.conformance.Rule} is one test, which fails with every violation of that rule, named.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.conformance;
