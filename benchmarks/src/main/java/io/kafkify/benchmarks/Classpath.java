package io.kafkify.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * This JVM's classpath as a list of files, also when it is a manifest-only jar (as Maven's test
 * plugins start JVMs), so that a child JVM can be given a variant of it.
 */
final class Classpath {

    private Classpath() {
    }

    static List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry));
            }
        }
        if (entries.size() == 1 && entries.get(0).toString().endsWith(".jar")) {
            List<Path> expanded = fromManifest(entries.get(0));
            if (!expanded.isEmpty()) {
                return expanded;
            }
        }
        return entries;
    }

    static String join(List<Path> entries) {
        List<String> text = new ArrayList<>();
        entries.forEach(entry -> text.add(entry.toString()));
        return String.join(File.pathSeparator, text);
    }

    private static List<Path> fromManifest(Path jar) {
        List<Path> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return entries;
            }
            URI base = jar.toAbsolutePath().getParent().toUri();
            for (String item : classPath.trim().split("\\s+")) {
                entries.add(Path.of(base.resolve(item)));
            }
        } catch (IOException | IllegalArgumentException e) {
            entries.clear();
        }
        return entries;
    }
}
