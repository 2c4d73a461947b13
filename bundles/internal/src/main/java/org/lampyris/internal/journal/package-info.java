/**
 * The update journal of remote bundle transactions, one model for the two programs that must agree on it across a
 * power cut: the management bundle, which journals each step before it touches the framework, and the launcher,
 * which replays what a kill left before any bundle starts. {@link org.lampyris.internal.journal.Transaction} is one
 * bundle's last transaction, {@link org.lampyris.internal.journal.Journal} the directory that keeps them with their
 * JARs, and {@link org.lampyris.internal.journal.FrameworkSteps} the framework operations both programs run.
 * {@link org.lampyris.internal.journal.TransactionState} and {@link org.lampyris.internal.journal.UploadProblem} are
 * also the words of the management answers, for the bundles that read them (LwM2M object 9).
 */
package org.lampyris.internal.journal;
