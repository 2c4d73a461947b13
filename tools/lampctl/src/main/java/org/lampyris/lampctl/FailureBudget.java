package org.lampyris.lampctl;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How many posts may fail before a rollout stops, from {@code --max-failures}: a count ({@code 2}) or a share of the
 * posts ({@code 10%}, rounded down). The default, 0, stops at the first failure. A failed canary stops the rollout
 * whatever the budget.
 *
 * @param value the count, or the percentage when {@code share}
 */
record FailureBudget(double value, boolean share, String text) {

    /** @return whether this many failures, among this many posts, are more than the budget allows */
    boolean exceededBy(int failures, int posts) {
        double allowed = share ? Math.floor(value * posts / 100.0 + 1e-9) : value;
        return failures > allowed;
    }

    /** Reads {@code --max-failures}. */
    static final class Reader implements ITypeConverter<FailureBudget> {
        @Override
        public FailureBudget convert(String text) {
            String t = text.strip();
            boolean share = t.endsWith("%");
            try {
                double v = Double.parseDouble(share ? t.substring(0, t.length() - 1) : t);
                if (v >= 0 && (share ? v <= 100 : v == Math.rint(v))) {
                    return new FailureBudget(v, share, t);
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new TypeConversionException("expected a number of posts (2) or a share of them (10%)");
        }
    }
}
