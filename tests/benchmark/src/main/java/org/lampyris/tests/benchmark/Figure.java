package org.lampyris.tests.benchmark;

/**
 * One row of the benchmark's table.
 *
 * @param id          a stable name, used in the CSV
 * @param label       what a reader sees
 * @param unit        the unit of both sides' values
 * @param target      the target for it
 * @param unavailable why it is not measured yet, or null when it is
 */
record Figure(String id, String label, String unit, Target target, String unavailable) {

    static Figure measured(String id, String label, String unit, Target target) {
        return new Figure(id, label, unit, target, null);
    }

    static Figure notYet(String id, String label, String unit, Target target) {
        return new Figure(id, label, unit, target, "n/a (not implemented yet)");
    }

    boolean implemented() {
        return unavailable == null;
    }
}
