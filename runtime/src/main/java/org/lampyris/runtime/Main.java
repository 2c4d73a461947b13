package org.lampyris.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of {@code bin/lampyris}: starts one simulated (or real) lamp-post controller, or, as
 * {@code lampyris provision}, writes a city's credentials into a data directory ({@link Provision}). A bad option or a
 * startup problem is one line on standard error and a non-zero exit: 2 for a bad command line, 1 for a failed start.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("provision")) {
            System.exit(Provision.run(List.of(args).subList(1, args.length), System.out, System.err));
            return;
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("lampyris: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        Path home = Path.of(System.getProperty("lampyris.home", ".")).toAbsolutePath().normalize();
        try {
            int code = new Controller(home, options).run();
            System.exit(code);
        } catch (StartupException e) {
            System.err.println("lampyris: " + e.getMessage());
            System.exit(1);
        }
    }
}
