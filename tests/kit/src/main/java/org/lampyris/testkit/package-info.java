/**
 * What the tests of every Lampyris module share, so that each exists once: a post clock the test moves ({@link
 * org.lampyris.testkit.ManualTime}), bundle JARs built and signed in a test ({@link org.lampyris.testkit.TestJar},
 * {@link org.lampyris.testkit.SigningKey}, {@link org.lampyris.testkit.TestCertificates}), a CoAP client over plain
 * CoAP and DTLS ({@link org.lampyris.testkit.CoapTestClient}), and waits with a deadline that say what they awaited
 * ({@link org.lampyris.testkit.Await}, {@link org.lampyris.testkit.ProcessOutput}).
 */
package org.lampyris.testkit;
