/**
 * {@code /mgmt/bundles}: remote install, update, rollback and uninstall of bundles as journalled transactions, and
 * the signature check that lets only trusted bundles in.
 */
package org.lampyris.management.bundles;
