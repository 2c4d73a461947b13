package org.lampyris.api.charging;

/**
 * A {@link SessionAuthoriser}'s answer for an identifier.
 *
 * @param accepted whether a session may start for it
 * @param reason why not, shown to the client that asked (such as "blocked by the back office"); empty if accepted
 */
public record Authorisation(boolean accepted, String reason) {

    /** @return an answer that accepts */
    public static Authorisation accept() {
        return new Authorisation(true, "");
    }

    /** @return an answer that refuses, saying why */
    public static Authorisation refuse(String reason) {
        return new Authorisation(false, reason);
    }
}
