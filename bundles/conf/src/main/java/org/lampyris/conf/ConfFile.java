package org.lampyris.conf;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration file of the {@code conf/} folder: {@code <pid>.cfg}, or {@code <factory-pid>~<name>.cfg} for a
 * named factory configuration, in {@link Properties} syntax. Values may refer to framework properties as
 * {@code ${name}} or {@code ${name:-default}}, which is how the command line's {@code --port} reaches the CoAP
 * endpoint; a value written {@code [a, b]} becomes a string array.
 *
 * @param pid the PID, or the factory PID
 * @param name the name of a factory configuration, or null
 * @param properties the values after substitution
 */
record ConfFile(String pid, String name, Map<String, Object> properties) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(:-([^}]*))?}");

    /**
     * @param file the file to read
     * @param lookup resolves a variable name to its value, or null when unset
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if its name is not a PID or a variable is unset without a default
     */
    static ConfFile read(Path file, UnaryOperator<String> lookup) throws IOException {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".cfg") || fileName.length() == 4) {
            throw new IllegalArgumentException(fileName + " is not named <pid>.cfg");
        }
        String base = fileName.substring(0, fileName.length() - 4);
        int tilde = base.indexOf('~');
        String pid = tilde < 0 ? base : base.substring(0, tilde);
        String name = tilde < 0 ? null : base.substring(tilde + 1);
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(reader);
        }
        Map<String, Object> values = new TreeMap<>();
        for (String key : raw.stringPropertyNames()) {
            values.put(key, convert(substitute(fileName, key, raw.getProperty(key).trim(), lookup)));
        }
        return new ConfFile(pid, name, values);
    }

    /** @return the values as Configuration Admin takes them */
    Hashtable<String, Object> dictionary() {
        return new Hashtable<>(properties);
    }

    /** @return a digest of the pid and values, to tell whether the file changed since it was last applied */
    String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((pid + "~" + name).getBytes(StandardCharsets.UTF_8));
            properties.forEach((k, v) -> {
                String text = v instanceof String[] array ? String.join("\u0000", array) : String.valueOf(v);
                md.update((k + "=" + text + "\n").getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** @return the key under which this file's digest is remembered */
    String key() {
        return name == null ? pid : pid + "~" + name;
    }

    static String substitute(String fileName, String key, String value, UnaryOperator<String> lookup) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = lookup.apply(m.group(1));
            if (replacement == null) {
                replacement = m.group(3);
            }
            if (replacement == null) {
                throw new IllegalArgumentException(fileName + ": " + key + " refers to ${" + m.group(1)
                        + "}, which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object convert(String value) {
        if (value.startsWith("[") && value.endsWith("]")) {
            String inner = value.substring(1, value.length() - 1).trim();
            if (inner.isEmpty()) {
                return new String[0];
            }
            return Pattern.compile("\\s*,\\s*").split(inner);
        }
        return value;
    }
}
