package org.lampyris.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.californium.AsyncRequestObserver;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.junit.jupiter.api.Test;

/**
 * The LwM2M bundle embeds Leshan, whose bundles ask for slf4j 2, and runs it on the platform's slf4j 1.7.36 (the line
 * Californium 3.14 resolves with). That holds only while Leshan calls no slf4j method that 1.7.36 lacks: this test
 * reads every method call into {@code org.slf4j} from the class files of the embedded libraries and looks each one up
 * in the slf4j-api on the class path, so that a Leshan upgrade that starts using the slf4j 2 API fails the build
 * instead of a street's controller.
 */
class Slf4jApiTest {

    @Test
    void everySlf4jMethodTheEmbeddedLibrariesCallExistsInTheSlf4jOfThePlatform() throws Exception {
        List<Class<?>> embedded = List.of(LeshanClient.class, CaliforniumClientEndpointsProvider.class,
                LwM2mId.class, AsyncRequestObserver.class, OSCoreCtx.class);
        Set<String> calls = new TreeSet<>();
        for (Class<?> c : embedded) {
            calls.addAll(slf4jCalls(jarOf(c)));
        }
        assertThat(calls).as("Leshan logs through slf4j; none found means this test reads nothing")
                .anyMatch(call -> call.startsWith("org/slf4j/Logger."));
        List<String> missing = new ArrayList<>();
        for (String call : calls) {
            String owner = call.substring(0, call.indexOf('.')).replace('/', '.');
            String name = call.substring(call.indexOf('.') + 1, call.indexOf(':'));
            String descriptor = call.substring(call.indexOf(':') + 1);
            Class<?> type;
            try {
                type = Class.forName(owner);
            } catch (ClassNotFoundException e) {
                missing.add(call + " (no class " + owner + ")");
                continue;
            }
            MethodType wanted = MethodType.fromMethodDescriptorString(descriptor, getClass().getClassLoader());
            boolean found = java.util.Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(name)
                    && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).equals(wanted));
            if (!found) {
                missing.add(call);
            }
        }
        assertThat(missing).as("slf4j methods the embedded libraries call that slf4j-api "
                + org.slf4j.Logger.class.getPackage().getImplementationVersion() + " lacks").isEmpty();
    }

    private static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** @return owner.name:descriptor of every method reference to org/slf4j in the jar's class files */
    private static Set<String> slf4jCalls(Path jar) throws IOException {
        Set<String> calls = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().endsWith(".class")) {
                    try (InputStream in = file.getInputStream(e)) {
                        calls.addAll(methodRefs(new DataInputStream(in), "org/slf4j/"));
                    }
                }
            }
        }
        return calls;
    }

    /** Reads a class file's constant pool (JVMS 4.4) for method references to classes under a prefix. */
    private static List<String> methodRefs(DataInputStream in, String prefix) throws IOException {
        in.readInt(); // magic
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[][] refs = new int[count][];
        int[][] nameAndTypes = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
            case 1 -> utf8[i] = in.readUTF();
            case 7 -> classNames[i] = in.readUnsignedShort();
            case 8, 16, 19, 20 -> in.readUnsignedShort();
            case 3, 4 -> in.readInt();
            case 5, 6 -> {
                in.readLong();
                i++;
            }
            case 9 -> {
                in.readUnsignedShort();
                in.readUnsignedShort();
            }
            case 10, 11 -> refs[i] = new int[] { in.readUnsignedShort(), in.readUnsignedShort() };
            case 12 -> nameAndTypes[i] = new int[] { in.readUnsignedShort(), in.readUnsignedShort() };
            case 15 -> {
                in.readUnsignedByte();
                in.readUnsignedShort();
            }
            case 17, 18 -> in.readInt();
            default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> found = new ArrayList<>();
        for (int[] ref : refs) {
            if (ref == null) {
                continue;
            }
            String owner = utf8[classNames[ref[0]]];
            if (owner.startsWith(prefix)) {
                int[] nt = nameAndTypes[ref[1]];
                found.add(owner + "." + utf8[nt[0]] + ":" + utf8[nt[1]]);
            }
        }
        return found;
    }
}
