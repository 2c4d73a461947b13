package org.lampyris.hal.modbus.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a profile by name: first {@code <conf>/modbus/<name>.json}, so that a post can carry a profile of its own or
 * a corrected copy of a shipped one without any code, then the profiles shipped in this bundle.
 */
public final class ProfileLibrary {
    private static final String SHIPPED = "profiles/";

    private final Path confDir;

    /** @param confDir the post's {@code conf/} folder, or null when it has none */
    public ProfileLibrary(Path confDir) {
        this.confDir = confDir;
    }

    /**
     * @param name the profile's name
     * @return the profile
     * @throws IllegalArgumentException if there is no such profile or it is invalid; the message says which and why
     */
    public DeviceProfile load(String name) {
        if (name == null || !ProfileReader.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("profile name '" + name + "' must match "
                    + ProfileReader.NAME.pattern());
        }
        if (confDir != null) {
            Path file = confDir.resolve("modbus").resolve(name + ".json");
            if (Files.isRegularFile(file)) {
                try {
                    return checked(ProfileReader.read(Files.readString(file, StandardCharsets.UTF_8),
                            file.toString()), name, file.toString());
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        String resource = SHIPPED + name + ".json";
        try (InputStream in = ProfileLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no Modbus profile '" + name + "': not in "
                        + (confDir == null ? "" : confDir.resolve("modbus") + " nor ")
                        + "the profiles shipped with the driver");
            }
            String where = "shipped profile " + name + ".json";
            return checked(ProfileReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), where), name,
                    where);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the shipped profile " + name + ": " + e.getMessage(), e);
        }
    }

    private static DeviceProfile checked(DeviceProfile profile, String name, String where) {
        if (!profile.id().equals(name)) {
            throw new IllegalArgumentException(where + " names itself '" + profile.id() + "', not '" + name + "'");
        }
        return profile;
    }
}
