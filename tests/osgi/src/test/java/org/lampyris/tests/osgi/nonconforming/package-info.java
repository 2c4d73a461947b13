/**
 * Plugins that each break one rule of the conformance suite on purpose. The tests pack each class into a bundle of its
 * own at run time; they are never part of the test bundle's services.
 */
package org.lampyris.tests.osgi.nonconforming;
