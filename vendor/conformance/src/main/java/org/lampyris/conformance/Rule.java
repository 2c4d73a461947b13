package org.lampyris.conformance;

/** The rules of the conformance suite, numbered as the vendor guide lists them. */
public enum Rule {
    API_IMPORTS(1, "imports only platform API packages"),
    POINT_PATHS(2, "every point has a path from the vocabulary or under the vendor's prefix"),
    POINT_UNITS(3, "every point has a SenML unit and reads values of its kind, and a standard point its standard "
            + "mapping"),
    WRITES_VALIDATE(4, "writes validate their input"),
    TIME_BUDGET(5, "handlers answer within the time budget"),
    CAPABILITY_CONTRACT(6, "capability implementations honour their contract"),
    LIFECYCLE(7, "survives stop, start and update cycles without leaking threads, services or points");

    private final int number;
    private final String title;

    Rule(int number, String title) {
        this.number = number;
        this.title = title;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return "rule " + number + " (" + title + ")";
    }
}
