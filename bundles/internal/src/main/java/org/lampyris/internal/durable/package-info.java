/**
 * Files that survive a power cut: {@link org.lampyris.internal.durable.DurableFile} replaces a file so that after a
 * kill or a power cut it holds either the old content or the new one, and once a write returns, the new one.
 */
package org.lampyris.internal.durable;
