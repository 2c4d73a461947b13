/**
 * Plugins that {@code BundleTransactionsTest} packs into signed bundles of their own at run time and installs through
 * {@code /mgmt/bundles}: a well-behaved one, one whose activator throws, one whose component fails to activate.
 */
package org.lampyris.tests.osgi.updates;
