package org.lampyris.lampctl;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The waves of a rollout, from {@code --waves}: each a number of posts ({@code 1}) or a share of all of them
 * ({@code 5%}, rounded up), in the order of the hosts file; the first wave is the canary, and whatever posts the list
 * leaves go in a last wave. The default {@code 1,5%,25%} gives 30 posts the waves 1, 2, 8 and 19.
 *
 * @param steps the sizes as written: a count, or a percentage when {@code percent[i]}
 */
record WavePlan(List<Double> steps, List<Boolean> percent, String text) {
    static final String DEFAULT = "1,5%,25%";

    /** @return the hosts cut into waves; none empty, together all the hosts in their order */
    List<List<HostAddress>> cut(List<HostAddress> hosts) {
        List<List<HostAddress>> waves = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < steps.size() && from < hosts.size(); i++) {
            double step = steps.get(i);
            int size = percent.get(i) ? (int) Math.ceil(step * hosts.size() / 100.0 - 1e-9) : (int) step;
            size = Math.max(1, Math.min(size, hosts.size() - from));
            waves.add(List.copyOf(hosts.subList(from, from + size)));
            from += size;
        }
        if (from < hosts.size()) {
            waves.add(List.copyOf(hosts.subList(from, hosts.size())));
        }
        return waves;
    }

    /** Reads {@code --waves}: {@code 1,5%,25%}, or {@code 1,10,50%}, or {@code 1} (a canary, then the rest). */
    static final class Reader implements ITypeConverter<WavePlan> {
        @Override
        public WavePlan convert(String value) {
            return parse(value);
        }
    }

    static WavePlan parse(String value) {
        List<Double> steps = new ArrayList<>();
        List<Boolean> percent = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.strip();
            boolean share = p.endsWith("%");
            try {
                double v = Double.parseDouble(share ? p.substring(0, p.length() - 1) : p);
                if (v <= 0 || (share && v > 100) || (!share && v != Math.rint(v))) {
                    throw new NumberFormatException();
                }
                steps.add(v);
                percent.add(share);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected wave sizes such as 1,5%,25%: a whole number of posts "
                        + "or a share up to 100%, not '" + p + "'");
            }
        }
        return new WavePlan(List.copyOf(steps), List.copyOf(percent), value.strip());
    }
}
