package org.lampyris.tests.benchmark;

/**
 * One row of the benchmark's table.
 *
 * @param id          a stable name, used in the CSV
 * @param label       what a reader sees
 * @param unit        the unit of both sides' values
 * @param target      the target for it
 * @param unavailable why it is not measured yet, or null when it is
 * @param compared    whether it compares the servers, and so belongs on the chart of ratios; the load generator's
 *                    own cost is in the table to show it does not limit the figures, but is not a comparison
 * @param platformOnly whether only the platform has it (the bare server has no remote management): its bare side
 *                    shows "-", and it has no ratio, so no place on the chart of ratios
 */
record Figure(String id, String label, String unit, Target target, String unavailable, boolean compared,
        boolean platformOnly) {

    static Figure measured(String id, String label, String unit, Target target) {
        return new Figure(id, label, unit, target, null, true, false);
    }

    /** A figure of something only the platform does, against a target on the platform's own value. */
    static Figure platformOnly(String id, String label, String unit, Target target) {
        return new Figure(id, label, unit, target, null, false, true);
    }

    static Figure notYet(String id, String label, String unit, Target target) {
        return new Figure(id, label, unit, target, "n/a (not implemented yet)", true, false);
    }

    /** A figure about the harness rather than the servers: in the table and the CSV, not on the chart. */
    static Figure harness(String id, String label, String unit) {
        return new Figure(id, label, unit, Target.NONE, null, false, false);
    }

    boolean implemented() {
        return unavailable == null;
    }
}
