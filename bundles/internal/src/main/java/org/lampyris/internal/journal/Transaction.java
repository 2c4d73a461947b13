package org.lampyris.internal.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bundle's last transaction, as the journal keeps it (see {@link TransactionFormat} for the file). An interrupted
 * transaction ({@link TransactionState#interrupted}) is put back to {@code from} at boot; a settled one is ensured to
 * be {@code committed}.
 *
 * @param id unique per transaction
 * @param bsn the bundle symbolic name
 * @param from the version installed before, and its kept JAR; empty for a fresh install
 * @param to the version asked for, and its kept JAR; empty for an uninstall
 * @param committed what the post runs if this transaction never completes, and after it commits what it put in place
 * @param previous the release a rollback goes back to: the {@code from} of the last committed transaction
 * @param signer who signed the JAR of {@code to}; empty for an uninstall or a base bundle of the distribution
 * @param reason why it was refused or reverted
 * @param identity who asked (the DTLS identity of the request)
 */
public record Transaction(String id, BundleAction action, String bsn, TransactionState state, Optional<Release> from,
        Optional<Release> to, Committed committed, Optional<Release> previous, Optional<String> signer,
        Optional<String> reason, Optional<Instant> startedAt, Optional<Instant> finishedAt, String identity) {

    public Transaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(bsn, "bsn");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(identity, "identity");
    }

    /**
     * A transaction about to change the framework.
     *
     * @param state {@link TransactionState#VERIFIED} for an upload, {@link TransactionState#APPLYING} for an uninstall
     */
    public static Transaction begin(String id, BundleAction action, String bsn, TransactionState state,
            Optional<Release> from, Optional<Release> to, Committed committed, Optional<Release> previous,
            Optional<String> signer, Instant startedAt, String identity) {
        return new Transaction(id, action, bsn, state, from, to, committed, previous, signer, Optional.empty(),
                Optional.of(startedAt), Optional.empty(), identity);
    }

    /** @return the release the post runs once this transaction is settled, empty if none was put in place remotely */
    public Optional<Release> committedRelease() {
        return committed instanceof Committed.Kept kept ? Optional.of(kept.release()) : Optional.empty();
    }

    /** @return whether the post must run without this bundle */
    public boolean committedAbsent() {
        return committed instanceof Committed.Absent;
    }

    /** @return the same transaction, now in {@code newState} */
    public Transaction withState(TransactionState newState) {
        return new Transaction(id, action, bsn, newState, from, to, committed, previous, signer, reason, startedAt,
                finishedAt, identity);
    }

    /** @return the same transaction, with another {@code committed} */
    public Transaction withCommitted(Committed newCommitted) {
        return new Transaction(id, action, bsn, state, from, to, newCommitted, previous, signer, reason, startedAt,
                finishedAt, identity);
    }

    /** @return the transaction committed: the post runs {@code to} (or no bundle), and a rollback goes to {@code from} */
    public Transaction committedAt(Instant at) {
        return new Transaction(id, action, bsn, TransactionState.COMMITTED, from, to,
                to.map(Committed::to).orElse(Committed.ABSENT), from, signer, Optional.empty(), startedAt,
                Optional.of(at), identity);
    }

    /**
     * @param settled {@link TransactionState#REVERTED} or {@link TransactionState#REFUSED}
     * @return the transaction settled without a commit: what was committed before stays
     */
    public Transaction settledAt(TransactionState settled, String why, Instant at) {
        if (settled.interrupted() || settled == TransactionState.COMMITTED) {
            throw new IllegalArgumentException(settled + " does not settle a transaction without a commit");
        }
        return new Transaction(id, action, bsn, settled, from, to, committed, previous, signer, Optional.of(why),
                startedAt, Optional.of(at), identity);
    }

    /** @return the kept JARs this transaction refers to, relative to the management directory */
    public List<String> jars() {
        List<String> jars = new ArrayList<>();
        for (Optional<Release> r : List.of(from, to, committedRelease(), previous)) {
            r.flatMap(Release::jar).ifPresent(jars::add);
        }
        return jars;
    }
}
